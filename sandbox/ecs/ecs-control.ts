import { z } from "zod";
import type { Incoming, Mount } from "../http/mount";
import { json, type Reply } from "../http/reply";
import { parseJson, readBody } from "../http/request";
import { createRouter, type Params } from "../http/router";
import type { EcsSimulator } from "./simulator";

/** The ECS part of the control API, under /_sandbox/ecs (tests and demos only; never used by the app). */
export const ECS_CONTROL_PREFIX = "/_sandbox/ecs";

type Handler = (ecs: EcsSimulator, incoming: Incoming, params: Params) => Reply | Promise<Reply>;

const faultSchema = z
  .object({
    operation: z.string().regex(/^[A-Z][A-Za-z]+$/, "an ECS operation name, e.g. DescribeServices").optional(),
    throttle: z.literal(true).optional(),
    serverError: z.literal(true).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    count: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((fault) => fault.throttle || fault.serverError || fault.latencyMs !== undefined, { message: "give throttle, serverError or latencyMs" });

const failRolloutSchema = z.object({ region: z.string().min(1).optional(), cluster: z.string().min(1).optional(), service: z.string().min(1).optional() }).strict();

const keyValue = z.object({ name: z.string(), value: z.string() }).strict();
const portMapping = z.object({ containerPort: z.number().int().min(1).max(65535), hostPort: z.number().int().optional(), protocol: z.enum(["tcp", "udp"]).optional(), name: z.string().optional() }).strict();
const seedSchema = z
  .object({
    region: z.string().min(1).default("us-east-1"),
    cluster: z.string().min(1),
    service: z.string().min(1),
    family: z.string().min(1),
    containers: z
      .array(
        z
          .object({
            name: z.string().min(1),
            image: z.string().min(1),
            imageDigest: z.string().regex(/^sha256:[0-9a-f]{64}$/).optional(),
            cpu: z.number().int().min(0).optional(),
            memory: z.number().int().min(1).optional(),
            environment: z.union([z.record(z.string(), z.string()), z.array(keyValue)]).optional(),
            portMappings: z.array(portMapping).optional(),
            essential: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1),
    desiredCount: z.number().int().min(0).max(1000),
    history: z
      .array(z.object({ image: z.union([z.string().min(1), z.record(z.string(), z.string())]), registeredAt: z.number(), deployedAt: z.number() }).strict())
      .optional(),
    registeredAt: z.number().optional(),
    deployedAt: z.number().optional(),
    cpu: z.string().optional(),
    memory: z.string().optional(),
  })
  .strict();

const deploySchema = z
  .object({
    region: z.string().min(1).default("us-east-1"),
    cluster: z.string().min(1),
    service: z.string().min(1),
    images: z.record(z.string(), z.string().min(1)),
    startedBy: z.string().optional(),
  })
  .strict();

/**
 * | request | effect |
 * | `GET/POST/DELETE /faults` | throttle (ThrottlingException), 500 (ServerException) or delay ECS operations |
 * | `POST /fail-rollout {region?, cluster?, service?}`, `GET /fail-rollout` | the next rollout of a matching service fails and is rolled back |
 * | `POST /services` | seed a service (the programmatic `seedService`) |
 * | `GET /services`, `GET /services/{region}/{cluster}/{service}` | service status: stable / rolling / failed, images |
 * | `POST /deploy {region?, cluster, service, images, startedBy?}` | register a revision with new images and roll it out |
 */
export function ecsControlMount(ecs: EcsSimulator): Mount {
  const router = createRouter<Handler>()
    .add("GET", "/faults", (sim) => json(200, { faults: sim.faults.list() }))
    .add("POST", "/faults", async (sim, incoming) => {
      const input = await parse(incoming, faultSchema);
      return "reply" in input ? input.reply : json(201, sim.faults.add(input.data));
    })
    .add("DELETE", "/faults", (sim) => {
      sim.faults.clear();
      return json(200, { faults: [] });
    })
    .add("GET", "/fail-rollout", (sim) => json(200, { pending: sim.pendingRolloutFailures() }))
    .add("POST", "/fail-rollout", async (sim, incoming) => {
      const input = await parse(incoming, failRolloutSchema);
      return "reply" in input ? input.reply : json(201, sim.failNextRollout(input.data));
    })
    .add("GET", "/services", (sim) => json(200, { services: sim.listServices().map(({ region, cluster, service }) => sim.serviceStatus(region, cluster, service)) }))
    .add("POST", "/services", async (sim, incoming) => {
      const input = await parse(incoming, seedSchema);
      if ("reply" in input) return input.reply;
      try {
        return json(201, sim.seedService(input.data));
      } catch (error) {
        return json(409, { error: error instanceof Error ? error.message : String(error) });
      }
    })
    .add("GET", "/services/{region}/{cluster}/{service}", (sim, _incoming, params) => {
      const status = sim.serviceStatus(params.region ?? "", params.cluster ?? "", params.service ?? "");
      return status ? json(200, status) : json(404, { error: "no such service" });
    })
    .add("POST", "/deploy", async (sim, incoming) => {
      const input = await parse(incoming, deploySchema);
      if ("reply" in input) return input.reply;
      try {
        return json(201, sim.deployImages(input.data));
      } catch (error) {
        return json(404, { error: error instanceof Error ? error.message : String(error) });
      }
    });

  return {
    name: "ecs-control",
    matches: ({ url }) => url.pathname === ECS_CONTROL_PREFIX || url.pathname.startsWith(`${ECS_CONTROL_PREFIX}/`),
    handle(incoming) {
      // Control traffic stays out of the request counts, like the rest of /_sandbox.
      incoming.meta.counted = false;
      const match = router.match(incoming.method, incoming.url.pathname.slice(ECS_CONTROL_PREFIX.length) || "/");
      if (match.kind === "method-not-allowed") return json(405, { error: "method not allowed" }, { allow: match.allowed.join(", ") });
      if (match.kind === "not-found") return json(404, { error: "no such control endpoint", endpoints: router.routes().map((r) => `${r.method} ${ECS_CONTROL_PREFIX}${r.pattern}`) });
      incoming.meta.endpoint = `${match.method} ${ECS_CONTROL_PREFIX}${match.pattern}`;
      return match.handler(ecs, incoming, match.params);
    },
  };
}

async function parse<T>(incoming: Incoming, schema: z.ZodType<T>): Promise<{ data: T } | { reply: Reply }> {
  const text = (await readBody(incoming.req)).toString("utf8");
  const result = schema.safeParse(text.trim() === "" ? {} : parseJson(text));
  if (result.success) return { data: result.data };
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  return { reply: json(400, { error: "invalid request body", issues }) };
}
