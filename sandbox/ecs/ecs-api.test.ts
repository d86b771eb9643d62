import {
  ClusterNotFoundException,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ECSServiceException,
  InvalidParameterException,
  ListClustersCommand,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  paginateListServices,
  RegisterTaskDefinitionCommand,
  ServiceNotFoundException,
  ClientException,
  UpdateServiceCommand,
  waitUntilServicesStable,
} from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { EndpointCount } from "../control/request-counts";
import type { Sandbox } from "../server";
import { control, startSandbox } from "../testing/sandbox-fixture";
import type { SeedServiceInput } from "./simulator";
import { ErrorBody, OUTPUTS } from "./wire-schemas";

const START = Date.parse("2026-03-02T09:00:00Z");
const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const image = (repo: string, n: number): string => `${ECR}/${repo}:${n.toString(16).padStart(40, "c")}`;
const credentials = { accessKeyId: "AKIASANDBOXEXAMPLE", secretAccessKey: "sandbox-secret" };

let sandbox: Sandbox;
let ecs: ECSClient;

const client = (region = "us-east-1", extra: Partial<ConstructorParameters<typeof ECSClient>[0]> = {}): ECSClient =>
  new ECSClient({ region, endpoint: sandbox.url, credentials, maxAttempts: 1, ...extra });

/** A raw JSON 1.1 call, to check the bytes the SDK would otherwise smooth over. */
async function raw(operation: string, input: unknown, init: { region?: string; authorization?: string | null } = {}): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const region = init.region ?? "us-east-1";
  const authorization =
    init.authorization === undefined
      ? `AWS4-HMAC-SHA256 Credential=AKIASANDBOXEXAMPLE/20260302/${region}/ecs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`
      : init.authorization;
  const response = await fetch(sandbox.url, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AmazonEC2ContainerServiceV20141113.${operation}`,
      "x-amz-date": "20260302T090000Z",
      ...(authorization !== null ? { authorization } : {}),
    },
    body: JSON.stringify(input),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** Calls the operation raw and checks the body against its strict output schema. */
async function checked(operation: keyof typeof OUTPUTS, input: unknown): Promise<Record<string, unknown>> {
  const response = await raw(operation, input);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/x-amz-json-1.1");
  expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  const schema: z.ZodType = OUTPUTS[operation];
  const result = schema.safeParse(response.body);
  expect(result.success ? [] : result.error.issues, `${operation} body does not match the ECS API reference`).toEqual([]);
  return response.body;
}

const seed = (input: Omit<SeedServiceInput, "region"> & { region?: string }): Promise<unknown> => control(sandbox, "POST", "/ecs/services", input);
const advance = (ms: number): Promise<unknown> => control(sandbox, "POST", "/clock/advance", { ms });

async function seedServices(): Promise<void> {
  await seed({
    cluster: "ecstest-prod",
    service: "ecstest-backend",
    family: "ecstest-backend",
    containers: [
      { name: "app", image: image("ecstest-backend", 3), cpu: 256, memory: 512, environment: { NODE_ENV: "production", PORT: "8080" } },
      { name: "log-router", image: image("fluent-bit", 1), essential: false },
    ],
    desiredCount: 2,
    history: [
      { image: { app: image("ecstest-backend", 1) }, registeredAt: START - 3 * 86_400_000, deployedAt: START - 3 * 86_400_000 + 120_000 },
      { image: { app: image("ecstest-backend", 2) }, registeredAt: START - 86_400_000, deployedAt: START - 86_400_000 + 120_000 },
    ],
    deployedAt: START - 3_600_000,
  });
  await seed({ cluster: "ecstest-prod", service: "ecstest-frontend", family: "ecstest-frontend", containers: [{ name: "web", image: image("ecstest-frontend", 7) }], desiredCount: 1 });
  await seed({ region: "eu-west-1", cluster: "ecstest-eu", service: "ecstest-backend", family: "ecstest-backend", containers: [{ name: "app", image: image("ecstest-backend", 3) }], desiredCount: 1 });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  ecs = client();
});
afterAll(async () => {
  ecs.destroy();
  await sandbox.close();
});
beforeEach(async () => {
  await control(sandbox, "POST", "/reset");
  await seedServices();
});

describe("ECS over JSON 1.1 with the real SDK", () => {
  it("lists and describes clusters, per region", async () => {
    // The sandbox's demo scenario seeds its own clusters too; these tests look at theirs only.
    const here = (await ecs.send(new ListClustersCommand({}))).clusterArns ?? [];
    expect(here).toContain("arn:aws:ecs:us-east-1:123456789012:cluster/ecstest-prod");
    expect(here.every((arn) => arn.startsWith("arn:aws:ecs:us-east-1:"))).toBe(true);
    const eu = client("eu-west-1");
    const there = (await eu.send(new ListClustersCommand({}))).clusterArns ?? [];
    expect(there).toContain("arn:aws:ecs:eu-west-1:123456789012:cluster/ecstest-eu");
    expect(there).not.toContain("arn:aws:ecs:us-east-1:123456789012:cluster/ecstest-prod");
    eu.destroy();
    const described = await ecs.send(new DescribeClustersCommand({ clusters: ["ecstest-prod", "nope"] }));
    expect(described.clusters?.[0]).toMatchObject({ clusterName: "ecstest-prod", status: "ACTIVE", activeServicesCount: 2, runningTasksCount: 3 });
    expect(described.failures).toEqual([{ arn: "arn:aws:ecs:us-east-1:123456789012:cluster/nope", reason: "MISSING" }]);
    await checked("ListClusters", {});
    await checked("DescribeClusters", { clusters: ["ecstest-prod", "nope"] });
  });

  it("pages ListServices with maxResults and nextToken", async () => {
    const first = await ecs.send(new ListServicesCommand({ cluster: "ecstest-prod", maxResults: 1 }));
    expect(first.serviceArns).toEqual(["arn:aws:ecs:us-east-1:123456789012:service/ecstest-prod/ecstest-backend"]);
    expect(first.nextToken).toBeTruthy();
    const second = await ecs.send(new ListServicesCommand({ cluster: "ecstest-prod", maxResults: 1, nextToken: first.nextToken }));
    expect(second.serviceArns).toEqual(["arn:aws:ecs:us-east-1:123456789012:service/ecstest-prod/ecstest-frontend"]);
    expect(second.nextToken).toBeUndefined();
    const all: string[] = [];
    for await (const page of paginateListServices({ client: ecs, pageSize: 1 }, { cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/ecstest-prod" })) all.push(...(page.serviceArns ?? []));
    expect(all).toHaveLength(2);
    await checked("ListServices", { cluster: "ecstest-prod", maxResults: 1 });
  });

  it("describes services with deployments, events and the circuit breaker", async () => {
    const { services, failures } = await ecs.send(new DescribeServicesCommand({ cluster: "ecstest-prod", services: ["ecstest-backend", "arn:aws:ecs:us-east-1:123456789012:service/ecstest-prod/ecstest-frontend", "ghost"] }));
    expect(services).toHaveLength(2);
    const backend = services?.[0];
    expect(backend).toMatchObject({
      serviceName: "ecstest-backend",
      status: "ACTIVE",
      desiredCount: 2,
      runningCount: 2,
      pendingCount: 0,
      taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/ecstest-backend:3",
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    expect(backend?.deployments).toEqual([
      expect.objectContaining({ status: "PRIMARY", rolloutState: "COMPLETED", runningCount: 2, failedTasks: 0, launchType: "FARGATE", createdAt: new Date(START - 3_600_000) }),
    ]);
    expect(backend?.events?.[0]?.message).toBe("(service ecstest-backend) has reached a steady state.");
    expect(backend?.events?.[0]?.createdAt).toBeInstanceOf(Date);
    expect(failures).toEqual([{ arn: "arn:aws:ecs:us-east-1:123456789012:service/ecstest-prod/ghost", reason: "MISSING" }]);
    await checked("DescribeServices", { cluster: "ecstest-prod", services: ["ecstest-backend", "ecstest-frontend", "ghost"], include: ["TAGS"] });
  });

  it("describes task definitions by family, family:revision and ARN, and lists them", async () => {
    const latest = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "ecstest-backend" }));
    expect(latest.taskDefinition).toMatchObject({ family: "ecstest-backend", revision: 3, status: "ACTIVE", cpu: "256", memory: "512", networkMode: "awsvpc" });
    expect(latest.taskDefinition?.containerDefinitions?.[0]).toMatchObject({
      name: "app",
      image: image("ecstest-backend", 3),
      cpu: 256,
      memory: 512,
      essential: true,
      environment: [
        { name: "NODE_ENV", value: "production" },
        { name: "PORT", value: "8080" },
      ],
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: "tcp" }],
    });
    const first = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "ecstest-backend:1" }));
    expect(first.taskDefinition?.containerDefinitions?.[0]?.image).toBe(image("ecstest-backend", 1));
    expect(first.taskDefinition?.registeredAt).toEqual(new Date(START - 3 * 86_400_000));
    const byArn = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/ecstest-backend:2" }));
    expect(byArn.taskDefinition?.revision).toBe(2);
    await expect(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "ecstest-backend:99" }))).rejects.toBeInstanceOf(ClientException);

    const asc = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: "ecstest-" }));
    expect(asc.taskDefinitionArns?.map((a) => a.split("/")[1])).toEqual(["ecstest-backend:1", "ecstest-backend:2", "ecstest-backend:3", "ecstest-frontend:1"]);
    const desc = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: "ecstest-backend", sort: "DESC", maxResults: 2 }));
    expect(desc.taskDefinitionArns?.map((a) => a.split("/")[1])).toEqual(["ecstest-backend:3", "ecstest-backend:2"]);
    const rest = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: "ecstest-backend", sort: "DESC", maxResults: 2, nextToken: desc.nextToken }));
    expect(rest.taskDefinitionArns?.map((a) => a.split("/")[1])).toEqual(["ecstest-backend:1"]);
    expect((await ecs.send(new ListTaskDefinitionsCommand({ status: "INACTIVE" }))).taskDefinitionArns).toEqual([]);

    await checked("DescribeTaskDefinition", { taskDefinition: "ecstest-backend:1" });
    await checked("DescribeTaskDefinition", { taskDefinition: "ecstest-backend", include: ["TAGS"] });
    await checked("ListTaskDefinitions", { familyPrefix: "ecstest-", sort: "DESC", maxResults: 2 });
  });

  it("registers new revisions per family", async () => {
    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "ecstest-backend",
        cpu: "512",
        memory: "1024",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        containerDefinitions: [{ name: "app", image: image("ecstest-backend", 4), essential: true, portMappings: [{ containerPort: 3000 }], environment: [{ name: "A", value: "1" }], command: ["node", "server.js"] }],
      }),
    );
    expect(registered.taskDefinition).toMatchObject({ family: "ecstest-backend", revision: 4, cpu: "512", memory: "1024" });
    expect(registered.taskDefinition?.containerDefinitions?.[0]).toMatchObject({ command: ["node", "server.js"], portMappings: [{ containerPort: 3000, hostPort: 3000, protocol: "tcp" }] });
    expect(registered.taskDefinition?.registeredAt).toEqual(new Date(START));
    const fresh = await ecs.send(new RegisterTaskDefinitionCommand({ family: "brand-new", containerDefinitions: [{ name: "x", image: "nginx:1.27" }] }));
    expect(fresh.taskDefinition?.revision).toBe(1);
    await checked("RegisterTaskDefinition", { family: "brand-new", containerDefinitions: [{ name: "x", image: "nginx:1.27", logConfiguration: { logDriver: "awslogs", options: {} } }] });
    await expect(ecs.send(new RegisterTaskDefinitionCommand({ family: "bad", containerDefinitions: [] }))).rejects.toBeInstanceOf(ClientException);
  });

  it("lists and describes tasks with image digests", async () => {
    const listed = await ecs.send(new ListTasksCommand({ cluster: "ecstest-prod", serviceName: "ecstest-backend" }));
    expect(listed.taskArns).toHaveLength(2);
    expect(listed.taskArns?.[0]).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/ecstest-prod\/[0-9a-f]{32}$/);
    expect((await ecs.send(new ListTasksCommand({ cluster: "ecstest-prod" }))).taskArns).toHaveLength(3);
    expect((await ecs.send(new ListTasksCommand({ cluster: "ecstest-prod", serviceName: "ecstest-backend", desiredStatus: "STOPPED" }))).taskArns).toEqual([]);
    await expect(ecs.send(new ListTasksCommand({ cluster: "ecstest-prod", serviceName: "ghost" }))).rejects.toBeInstanceOf(ServiceNotFoundException);

    const described = await ecs.send(new DescribeTasksCommand({ cluster: "ecstest-prod", tasks: [...(listed.taskArns ?? []), "0123456789abcdef0123456789abcdef"] }));
    expect(described.tasks).toHaveLength(2);
    const task = described.tasks?.[0];
    expect(task).toMatchObject({ lastStatus: "RUNNING", desiredStatus: "RUNNING", group: "service:ecstest-backend", taskDefinitionArn: expect.stringMatching(/ecstest-backend:3$/), launchType: "FARGATE" });
    expect(task?.startedAt).toBeInstanceOf(Date);
    expect(task?.containers?.map((c) => [c.name, c.image, c.lastStatus])).toEqual([
      ["app", image("ecstest-backend", 3), "RUNNING"],
      ["log-router", image("fluent-bit", 1), "RUNNING"],
    ]);
    expect(task?.containers?.[0]?.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The digest is a function of the image: the same in every task.
    expect(described.tasks?.[1]?.containers?.[0]?.imageDigest).toBe(task?.containers?.[0]?.imageDigest);
    expect(described.failures).toEqual([{ arn: "arn:aws:ecs:us-east-1:123456789012:task/ecstest-prod/0123456789abcdef0123456789abcdef", reason: "MISSING" }]);
    await checked("ListTasks", { cluster: "ecstest-prod", serviceName: "ecstest-backend" });
    await checked("DescribeTasks", { cluster: "ecstest-prod", tasks: listed.taskArns });
  });

  it("rolls out an UpdateService over virtual time and waitUntilServicesStable sees it settle", async () => {
    const registered = await ecs.send(new RegisterTaskDefinitionCommand({ family: "ecstest-backend", containerDefinitions: [{ name: "app", image: image("ecstest-backend", 4) }] }));
    const updated = await ecs.send(new UpdateServiceCommand({ cluster: "ecstest-prod", service: "ecstest-backend", taskDefinition: registered.taskDefinition?.taskDefinitionArn }));
    expect(updated.service?.deployments?.map((d) => [d.status, d.rolloutState, d.runningCount, d.pendingCount])).toEqual([
      ["PRIMARY", "IN_PROGRESS", 0, 1],
      ["ACTIVE", "COMPLETED", 2, 0],
    ]);
    expect(updated.service?.deployments?.[0]?.rolloutStateReason).toMatch(/^ECS deployment ecs-svc\/\d{19} in progress\.$/);
    expect(updated.service?.events?.[0]?.message).toMatch(/^\(service ecstest-backend\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/);

    // The waiter polls; each poll first moves the virtual clock 5 s, so the poll count is deterministic.
    const waiterClient = client();
    let polls = 0;
    waiterClient.middlewareStack.add(
      (next) => async (args) => {
        polls += 1;
        await advance(5_000);
        return next(args);
      },
      { step: "initialize", name: "advanceVirtualClock" },
    );
    const result = await waitUntilServicesStable({ client: waiterClient, maxWaitTime: 30, minDelay: 0.01, maxDelay: 0.02 }, { cluster: "ecstest-prod", services: ["ecstest-backend", "ecstest-frontend"] });
    waiterClient.destroy();
    expect(result.state).toBe("SUCCESS");
    expect(polls).toBe(3);

    const { services } = await ecs.send(new DescribeServicesCommand({ cluster: "ecstest-prod", services: ["ecstest-backend"] }));
    const service = services?.[0];
    expect(service?.deployments?.map((d) => [d.status, d.rolloutState, d.runningCount])).toEqual([["PRIMARY", "COMPLETED", 2]]);
    const messages = service?.events?.map((e) => (e.message ?? "").replace(/[0-9a-f]{32}/g, "<task>").replace(/ecs-svc\/\d{19}/g, "<deployment>")) ?? [];
    expect(messages.slice(0, 7)).toEqual([
      "(service ecstest-backend) has reached a steady state.",
      "(service ecstest-backend) (deployment <deployment>) deployment completed.",
      "(service ecstest-backend) has stopped 1 running tasks: (task <task>).",
      "(service ecstest-backend) has started 1 tasks: (task <task>).",
      "(service ecstest-backend) has stopped 1 running tasks: (task <task>).",
      "(service ecstest-backend) has started 1 tasks: (task <task>).",
      "(service ecstest-backend) has reached a steady state.",
    ]);
    expect((await ecs.send(new ListTasksCommand({ cluster: "ecstest-prod", serviceName: "ecstest-backend", desiredStatus: "STOPPED" }))).taskArns).toHaveLength(2);
    await checked("UpdateService", { cluster: "ecstest-prod", service: "ecstest-backend", desiredCount: 2 });
  });

  it("starts a new deployment on forceNewDeployment and scales on desiredCount alone", async () => {
    const forced = await ecs.send(new UpdateServiceCommand({ cluster: "ecstest-prod", service: "ecstest-frontend", forceNewDeployment: true }));
    expect(forced.service?.deployments).toHaveLength(2);
    expect(forced.service?.deployments?.[0]?.taskDefinition).toBe(forced.service?.deployments?.[1]?.taskDefinition);
    await advance(60_000);
    const scaled = await ecs.send(new UpdateServiceCommand({ cluster: "ecstest-prod", service: "ecstest-frontend", desiredCount: 3 }));
    expect(scaled.service?.deployments).toHaveLength(1);
    await advance(60_000);
    const { services } = await ecs.send(new DescribeServicesCommand({ cluster: "ecstest-prod", services: ["ecstest-frontend"] }));
    expect(services?.[0]).toMatchObject({ desiredCount: 3, runningCount: 3 });
  });

  it("rolls out images deployed via the control API, and fails + rolls back a rollout marked to fail", async () => {
    await control(sandbox, "POST", "/ecs/fail-rollout", { cluster: "ecstest-prod", service: "ecstest-backend" });
    const deploy = await control<{ taskDefinitionArn: string; deploymentId: string }>(sandbox, "POST", "/ecs/deploy", { cluster: "ecstest-prod", service: "ecstest-backend", images: { app: image("ecstest-backend", 5) } });
    expect(deploy.taskDefinitionArn).toMatch(/ecstest-backend:4$/);
    await advance(15_000);
    const { services } = await ecs.send(new DescribeServicesCommand({ cluster: "ecstest-prod", services: ["ecstest-backend"] }));
    const service = services?.[0];
    expect(service?.taskDefinition).toMatch(/ecstest-backend:3$/);
    expect(service?.deployments?.map((d) => [d.status, d.rolloutState, d.taskDefinition?.split("/")[1], d.failedTasks])).toEqual([
      ["PRIMARY", "IN_PROGRESS", "ecstest-backend:3", 0],
      ["ACTIVE", "FAILED", "ecstest-backend:4", 3],
      ["ACTIVE", "COMPLETED", "ecstest-backend:3", 0],
    ]);
    const failed = service?.deployments?.[1];
    expect(failed?.id).toBe(deploy.deploymentId);
    expect(failed?.rolloutStateReason).toBe("ECS deployment circuit breaker: tasks failed to start.");
    expect(service?.events?.slice(0, 2).map((e) => e.message)).toEqual([
      expect.stringMatching(/^\(service ecstest-backend\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/),
      expect.stringMatching(/^\(service ecstest-backend\) rolling back to deployment ecs-svc\/\d{19}\.$/),
    ]);
    expect(service?.events?.[2]?.message).toBe(`(service ecstest-backend) (deployment ${deploy.deploymentId}) deployment failed: tasks failed to start.`);
    expect(await control(sandbox, "GET", "/ecs/services/us-east-1/ecstest-prod/ecstest-backend")).toMatchObject({ state: "failed", lastRollout: { outcome: "FAILED" } });
    await checked("DescribeServices", { cluster: "ecstest-prod", services: ["ecstest-backend"] });
    const stopped = await ecs.send(new ListTasksCommand({ cluster: "ecstest-prod", serviceName: "ecstest-backend", desiredStatus: "STOPPED" }));
    const stoppedTasks = await checked("DescribeTasks", { cluster: "ecstest-prod", tasks: stopped.taskArns });
    expect(stoppedTasks.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ lastStatus: "STOPPED", stopCode: "ServiceSchedulerInitiated", stoppedReason: "Task failed container health checks" })]));

    await advance(60_000);
    expect(await control(sandbox, "GET", "/ecs/services/us-east-1/ecstest-prod/ecstest-backend")).toMatchObject({
      state: "stable",
      images: { app: image("ecstest-backend", 3) },
      runningImages: expect.arrayContaining([{ container: "app", image: image("ecstest-backend", 3), count: 2 }]),
    });
  });
});

describe("the wire schemas", () => {
  it("are strict: an undocumented member, a wrong type or a missing required member fails", async () => {
    const body = await checked("DescribeServices", { cluster: "ecstest-prod", services: ["ecstest-backend"] });
    const service = (body.services as Array<Record<string, unknown>>)[0] ?? {};
    const check = (changed: Record<string, unknown>): boolean => OUTPUTS.DescribeServices.safeParse({ ...body, services: [changed] }).success;
    expect(check(service)).toBe(true);
    expect(check({ ...service, surprise: 1 })).toBe(false);
    expect(check({ ...service, createdAt: "2026-03-02T09:00:00Z" })).toBe(false);
    const withoutDeployments = { ...service };
    delete withoutDeployments.deployments;
    expect(check(withoutDeployments)).toBe(false);
  });
});

describe("ECS errors, as the SDK parses them", () => {
  it("answers a missing cluster with ClusterNotFoundException", async () => {
    const error = await ecs.send(new DescribeServicesCommand({ cluster: "nope", services: ["x"] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterNotFoundException);
    expect(error).toMatchObject({ name: "ClusterNotFoundException", message: "Cluster not found.", $metadata: { httpStatusCode: 400 } });
    await expect(ecs.send(new ListServicesCommand({}))).rejects.toBeInstanceOf(ClusterNotFoundException);
    const response = await raw("ListServices", { cluster: "nope" });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ __type: "ClusterNotFoundException", message: "Cluster not found." });
    expect(response.headers.get("x-amzn-errortype")).toBe("ClusterNotFoundException:");
    expect(response.headers.get("content-type")).toBe("application/x-amz-json-1.1");
  });

  it("refuses more than 10 services per DescribeServices", async () => {
    const services = Array.from({ length: 11 }, (_, i) => `svc-${i}`);
    await expect(ecs.send(new DescribeServicesCommand({ cluster: "ecstest-prod", services }))).rejects.toBeInstanceOf(InvalidParameterException);
    const response = await raw("DescribeServices", { cluster: "ecstest-prod", services });
    expect(ErrorBody.parse(response.body).__type).toBe("InvalidParameterException");
    await expect(ecs.send(new ListServicesCommand({ cluster: "ecstest-prod", maxResults: 101 }))).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it("answers UpdateService on a missing service with ServiceNotFoundException", async () => {
    await expect(ecs.send(new UpdateServiceCommand({ cluster: "ecstest-prod", service: "ghost", desiredCount: 1 }))).rejects.toBeInstanceOf(ServiceNotFoundException);
    await expect(ecs.send(new UpdateServiceCommand({ cluster: "ecstest-prod", service: "ecstest-backend", taskDefinition: "nope:1" }))).rejects.toBeInstanceOf(ClientException);
  });

  it("throttles on an injected fault: ThrottlingException, Rate exceeded; the SDK's retry rides it out", async () => {
    await control(sandbox, "POST", "/ecs/faults", { operation: "DescribeServices", throttle: true, count: 1 });
    const error = await ecs.send(new DescribeServicesCommand({ cluster: "ecstest-prod", services: ["ecstest-backend"] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ECSServiceException);
    expect(error).toMatchObject({ name: "ThrottlingException", message: "Rate exceeded", $metadata: { httpStatusCode: 400 } });
    // Other operations are not affected; the rule is used up.
    await ecs.send(new ListClustersCommand({}));
    expect((await ecs.send(new DescribeServicesCommand({ cluster: "ecstest-prod", services: ["ecstest-backend"] }))).services).toHaveLength(1);

    await control(sandbox, "POST", "/ecs/faults", { operation: "ListClusters", throttle: true, count: 1 });
    const retrying = client("us-east-1", { maxAttempts: 3 });
    const answered = await retrying.send(new ListClustersCommand({}));
    retrying.destroy();
    expect(answered.$metadata.attempts).toBe(2);

    await control(sandbox, "POST", "/ecs/faults", { serverError: true, count: 1 });
    const server = await raw("ListClusters", {});
    expect(server.status).toBe(500);
    expect(server.body).toEqual({ __type: "ServerException", message: expect.any(String) });
    expect(await control(sandbox, "GET", "/ecs/faults")).toEqual({ faults: [] });
  });

  it("requires SigV4 auth like AWS, reads the region from it, and rejects unknown operations", async () => {
    const missing = await raw("ListClusters", {}, { authorization: null });
    expect(missing.status).toBe(400);
    expect(ErrorBody.parse(missing.body).__type).toBe("com.amazon.coral.service#MissingAuthenticationTokenException");
    const unknown = await raw("LaunchRockets", {});
    expect(unknown.status).toBe(400);
    expect(unknown.body.__type).toBe("com.amazon.coral.service#UnknownOperationException");
    const eu = await raw("ListClusters", {}, { region: "eu-west-1" });
    expect(eu.body.clusterArns).toContain("arn:aws:ecs:eu-west-1:123456789012:cluster/ecstest-eu");
    const garbage = await fetch(sandbox.url, {
      method: "POST",
      headers: { "x-amz-target": "AmazonEC2ContainerServiceV20141113.ListClusters", authorization: "AWS4-HMAC-SHA256 Credential=A/20260302/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=00" },
      body: "{not json",
    });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { __type: string }).__type).toBe("com.amazon.coral.service#SerializationException");
  });
});

describe("ECS control and request counts", () => {
  it("counts ECS requests by operation name", async () => {
    await control(sandbox, "DELETE", "/requests");
    await ecs.send(new ListClustersCommand({}));
    await ecs.send(new DescribeServicesCommand({ cluster: "ecstest-prod", services: ["ecstest-backend"] }));
    await ecs.send(new DescribeServicesCommand({ cluster: "nope", services: ["ecstest-backend"] })).catch(() => undefined);
    const { endpoints } = await control<{ endpoints: EndpointCount[] }>(sandbox, "GET", "/requests");
    expect(endpoints).toEqual([
      { endpoint: "ECS DescribeServices", count: 2, byStatus: { "200": 1, "400": 1 } },
      { endpoint: "ECS ListClusters", count: 1, byStatus: { "200": 1 } },
    ]);
  });

  it("validates control bodies and lists pending rollout failures", async () => {
    const bad = await fetch(`${sandbox.url}/_sandbox/ecs/faults`, { method: "POST", body: JSON.stringify({ operation: "DescribeServices" }) });
    expect(bad.status).toBe(400);
    const rule = await control<{ id: number }>(sandbox, "POST", "/ecs/fail-rollout", {});
    expect(await control(sandbox, "GET", "/ecs/fail-rollout")).toEqual({ pending: [{ id: rule.id }] });
    const mine = async (): Promise<unknown[]> =>
      (await control<{ services: Array<{ cluster: string }> }>(sandbox, "GET", "/ecs/services")).services.filter((s) => s.cluster.startsWith("ecstest-"));
    expect(await mine()).toMatchObject([{ service: "ecstest-backend", state: "stable" }, { service: "ecstest-frontend" }, { region: "eu-west-1" }]);
    await control(sandbox, "POST", "/reset");
    expect(await control(sandbox, "GET", "/ecs/fail-rollout")).toEqual({ pending: [] });
    expect(await mine()).toEqual([]);
  });
});
