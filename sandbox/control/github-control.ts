import { z } from "zod";
import { SCENARIOS, type ScenarioName } from "../demo/scenario";
import type { Incoming } from "../http/mount";
import { json, type Reply } from "../http/reply";
import { parseJson, readBody } from "../http/request";
import type { Router } from "../http/router";
import type { SandboxState } from "../state";

/**
 * Control endpoints for the GitHub side: load a scenario, list webhook deliveries, and make the
 * next run fail at its tests or smoke test (ECS rollout failures are injected through the ECS
 * control API instead, where they belong).
 */
type Handler = (state: SandboxState, incoming: Incoming) => Reply | Promise<Reply>;

const scenarioSchema = z.object({ name: z.enum(SCENARIOS as [ScenarioName, ...ScenarioName[]]), activity: z.boolean().optional() }).strict();
const failSchema = z.object({ step: z.enum(["tests", "smoke"]), repo: z.string().min(1).optional() }).strict();

export function registerGitHubControl(router: Router<Handler>): void {
  router
    .add("POST", "/scenario", async (state, incoming) => {
      const input = scenarioSchema.safeParse(await body(incoming));
      if (!input.success) return invalid(input.error);
      state.ecs.reset();
      state.github.load(input.data.name, { activity: input.data.activity });
      return json(200, { ok: true, scenario: input.data.name, runs: state.github.data.runs.length, deployments: state.github.data.deployments.length });
    })
    .add("GET", "/webhooks/deliveries", (state, incoming) => {
      const event = incoming.url.searchParams.get("event");
      const withPayload = incoming.url.searchParams.get("payload") === "true";
      const deliveries = state.github.webhooks
        .list()
        .filter((delivery) => !event || delivery.event === event)
        .map((delivery) => (withPayload ? delivery : { ...delivery, payload: undefined }));
      return json(200, { deliveries, pendingFailures: state.github.webhooks.pendingFailures() });
    })
    .add("GET", "/runs/{id}", (state, incoming) => {
      // What GitHub's run page shows beyond the REST run: why it failed and the protection rule's answers.
      const id = incoming.url.pathname.split("/").pop();
      const run = state.github.data.runs.find((candidate) => String(candidate.id) === id);
      if (!run) return json(404, { error: `no run ${id}` });
      return json(200, {
        id: run.id,
        repo: run.repo,
        status: run.status,
        conclusion: run.conclusion,
        failure: run.failure ?? null,
        pending: run.pending ? { environment: run.pending.environment, since: new Date(run.pending.since).toISOString() } : null,
        protectionAnswers: (run.protectionAnswers ?? []).map((answer) => ({ ...answer, at: new Date(answer.at).toISOString() })),
      });
    })
    .add("POST", "/runs/fail-next", async (state, incoming) => {
      const input = failSchema.safeParse(await body(incoming));
      if (!input.success) return invalid(input.error);
      state.github.engine.injectFailure(input.data.step, input.data.repo);
      return json(201, { ok: true, ...input.data });
    });
}

async function body(incoming: Incoming): Promise<unknown> {
  const text = (await readBody(incoming.req)).toString("utf8");
  return text.trim() === "" ? {} : parseJson(text);
}

function invalid(error: z.ZodError): Reply {
  return json(400, { error: "invalid request body", issues: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) });
}
