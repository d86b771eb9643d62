"use client";
// The browser side of sign-in. Components import these instead of next-auth, which only lib/auth knows.
import { signIn, signOut } from "next-auth/react";

export function startGitHubSignIn(callbackUrl: string, login?: string): Promise<unknown> {
  // GitHub's `login` hint travels as the third argument (authorization params).
  return signIn("github", { callbackUrl }, login ? { login } : undefined);
}

export function endSession(): Promise<unknown> {
  return signOut({ callbackUrl: "/signin?signedOut=1" });
}
