import type { DemoOrg } from "../../demo/org";
import { findOrg, isOrgMember } from "../../directory";
import { json, type Reply } from "../../http/reply";
import type { ApiContext } from "../api";
import { paginate } from "../pagination";

/** A 200 list honouring page/per_page, with GitHub's absolute Link header. */
export function pagedJson<T>(ctx: ApiContext, items: readonly T[]): Reply {
  const page = paginate(items, ctx.query, `${ctx.urls.api}${ctx.path}`);
  return json(200, page.items, page.link ? { link: page.link } : {});
}

export function orgFromParams(ctx: ApiContext): DemoOrg | undefined {
  return findOrg(ctx.state.directory, ctx.params.org ?? "");
}

/**
 * The org when the viewer belongs to it. Team details are visible to members only; to anyone else
 * GitHub answers as if there were nothing there, so "not yours" and "not found" look the same.
 */
export function orgOfMember(ctx: ApiContext): DemoOrg | undefined {
  const org = orgFromParams(ctx);
  return org && ctx.viewer && isOrgMember(ctx.state.directory, org, ctx.viewer.login) ? org : undefined;
}
