import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getConfig } from "@/lib/config";
import type { FlagType, FlagValue } from "./model";

// Demo flags modelled on the seeds' workflow 15 ("Manage Feature Flags": enable/disable, canary
// percentages). Inserted only when no flag exists, so a real installation is never touched twice.

interface DemoState {
  enabled: boolean;
  pct: number;
  defaultValue?: FlagValue;
  rolloutValue?: FlagValue;
  allowList?: string[];
}
interface DemoFlag {
  application: string;
  key: string;
  type: FlagType;
  owner: string;
  description: string;
  states: Record<string, DemoState>;
}

const on = (pct: number, extra: Partial<DemoState> = {}): DemoState => ({ enabled: true, pct, ...extra });
const off: DemoState = { enabled: false, pct: 0 };

const DEMO: DemoFlag[] = [
  { application: "wumbo", key: "new-checkout", type: "boolean", owner: "payments", description: "Redesigned checkout; canary in production.", states: { development: on(100), staging: on(100), production: on(10, { allowList: ["qa-team"] }) } },
  { application: "wumbo", key: "search-v2", type: "boolean", owner: "oscar", description: "Search backed by the new index.", states: { development: on(100), staging: on(50), production: off } },
  { application: "wumbo", key: "maintenance-banner", type: "boolean", owner: "platform", description: "Kill switch: banner during maintenance.", states: { development: off, staging: off, production: off } },
  { application: "wumbo", key: "checkout-theme", type: "string", owner: "design", description: "A/B test of the checkout theme.", states: { development: on(100, { defaultValue: "classic", rolloutValue: "aurora" }), staging: on(50, { defaultValue: "classic", rolloutValue: "aurora" }), production: on(5, { defaultValue: "classic", rolloutValue: "aurora" }) } },
  { application: "dreamcatchr", key: "celery-batch-size", type: "number", owner: "data", description: "Tasks per Celery batch.", states: { development: on(100, { defaultValue: 50, rolloutValue: 200 }), staging: on(25, { defaultValue: 50, rolloutValue: 200 }), production: off } },
  { application: "dreamcatchr", key: "dream-journal-export", type: "boolean", owner: "ravi", description: "PDF export of the journal.", states: { development: on(100), staging: off, production: off } },
  { application: "beacon", key: "live-map", type: "boolean", owner: "beacon-team", description: "Live map on the dashboard.", states: { development: on(100), staging: on(100), production: on(50) } },
];

export async function seedDemoFlags(prisma: PrismaClient): Promise<number> {
  if ((await prisma.flag.count()) > 0) return 0;
  const apps = new Map(getConfig().applications.map((app) => [app.slug, app]));
  let created = 0;
  for (const demo of DEMO) {
    const app = apps.get(demo.application);
    if (!app) continue;
    const zero: FlagValue = demo.type === "boolean" ? false : demo.type === "number" ? 0 : "";
    await prisma.flag.create({
      data: {
        application: demo.application,
        key: demo.key,
        type: demo.type,
        owner: demo.owner,
        description: demo.description,
        createdBy: "flightdeck-demo",
        states: {
          create: app.environments.map((env) => {
            const state = demo.states[env.name] ?? off;
            const defaultValue = state.defaultValue ?? zero;
            return {
              application: demo.application,
              environment: env.name,
              enabled: state.enabled,
              defaultValue,
              rolloutValue: demo.type === "boolean" ? !defaultValue : (state.rolloutValue ?? defaultValue),
              rolloutPercentage: state.pct,
              allowList: state.allowList ?? [],
              updatedBy: "flightdeck-demo",
            };
          }),
        },
      },
    });
    created++;
  }
  return created;
}
