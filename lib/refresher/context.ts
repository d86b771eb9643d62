import "server-only";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { FlightdeckConfig } from "@/lib/config";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LiveEvent } from "@/lib/live/publish";
import type { GithubAccess } from "@/lib/github/service-client";

/**
 * What one refresher pass needs, passed in rather than imported so tests can run two refreshers
 * against one database and an in-process stand-in for GitHub and ECS.
 */
export interface RefresherContext {
  prisma: PrismaClient;
  config: FlightdeckConfig;
  ecs(region: string): ECSClient;
  /** The Octokit to read with, or null when no token is available ("GitHub: no token"). */
  github(): Promise<GithubAccess | null>;
  publish(event: LiveEvent): Promise<void>;
  now(): Date;
}
