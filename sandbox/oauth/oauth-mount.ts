import { githubError } from "../github/errors";
import type { Incoming, Mount } from "../http/mount";
import type { Reply } from "../http/reply";
import { createRouter } from "../http/router";
import type { SandboxState } from "../state";
import { accessToken } from "./access-token";
import { authorize } from "./authorize";

type Handler = (state: SandboxState, incoming: Incoming) => Promise<Reply>;

/** GitHub's OAuth web flow, at the web root (not under /api/v3), as on github.com and GitHub Enterprise Server. */
export function oauthMount(state: SandboxState): Mount {
  const router = createRouter<Handler>()
    .add("GET", "/login/oauth/authorize", authorize)
    .add("POST", "/login/oauth/authorize", authorize)
    .add("POST", "/login/oauth/access_token", accessToken);
  return {
    name: "oauth",
    matches: ({ url }) => url.pathname.startsWith("/login/oauth/"),
    handle(incoming) {
      const match = router.match(incoming.method, incoming.url.pathname);
      if (match.kind !== "found") {
        incoming.meta.endpoint = `${incoming.method} /login/oauth (no route)`;
        return githubError(404, "Not Found");
      }
      incoming.meta.endpoint = `${match.method} ${match.pattern}`;
      return match.handler(state, incoming);
    },
  };
}
