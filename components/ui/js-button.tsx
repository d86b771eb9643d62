"use client";

import { Button, type ButtonProps } from "./button";
import { useHydrated } from "./use-hydrated";

/**
 * A button whose only effect is its click handler (it opens a dialog, say): disabled in the server's
 * HTML and until hydration, so a click made before the page is interactive is refused visibly rather
 * than silently lost.
 */
export function JsButton({ disabled, ...props }: ButtonProps) {
  const hydrated = useHydrated();
  return <Button {...props} disabled={disabled || !hydrated} aria-busy={hydrated ? undefined : true} />;
}
