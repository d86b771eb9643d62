import { expect } from "@playwright/test";

// The e2e sandbox, reached over HTTP exactly like the app reaches it (never imported).
export const SANDBOX_URL = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;

export async function sandbox<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${SANDBOX_URL}${path}`, {
    method,
    headers: { "content-type": "application/json", accept: "application/vnd.github+json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

export async function tokenFor(login: string): Promise<string> {
  return (await sandbox<{ token: string }>("POST", "/_sandbox/tokens", { login, scopes: ["repo"] })).token;
}

export interface EcsServiceStatus {
  region: string;
  cluster: string;
  service: string;
  state: "stable" | "rolling" | "failed";
  images: Record<string, string>;
}

export async function ecsServices(): Promise<EcsServiceStatus[]> {
  return (await sandbox<{ services: EcsServiceStatus[] }>("GET", "/_sandbox/ecs/services")).services;
}

/** The git SHA an image runs: its tag (the sandbox tags images with the full SHA). */
export function shaOfImage(image: string): string {
  return image.slice(image.lastIndexOf(":") + 1);
}

export async function advanceClock(ms: number): Promise<void> {
  await sandbox("POST", "/_sandbox/clock/advance", { ms });
}
