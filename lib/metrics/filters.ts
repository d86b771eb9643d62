// The /metrics filters from URL search params (pure, unit-tested). Unknown values fall back to the
// default and are reported, so a stale bookmark still shows a page and says what it ignored.
import { PERIOD_DAYS, type PeriodDays } from "./report";

export interface MetricsFilters {
  /** null: every application. */
  application: string | null;
  environment: string;
  days: PeriodDays;
}

export interface FilterChoices {
  applications: readonly string[];
  /** Environment names in the config's order (first seen first). */
  environments: readonly string[];
}

type Raw = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";

/** production when there is one, else the last environment (the config lists them in promotion order). */
export function defaultEnvironment(choices: FilterChoices): string {
  return choices.environments.includes("production") ? "production" : (choices.environments.at(-1) ?? "production");
}

export function parseMetricsFilters(params: Raw, choices: FilterChoices): { filters: MetricsFilters; ignored: string[] } {
  const ignored: string[] = [];
  const app = first(params.app);
  const env = first(params.env);
  const period = first(params.period);
  const application = app === "" ? null : choices.applications.includes(app) ? app : (ignored.push("app"), null);
  const environment = env !== "" && choices.environments.includes(env) ? env : (env !== "" && ignored.push("env"), defaultEnvironment(choices));
  const parsedDays = Number(period.replace(/d$/, ""));
  const days = (PERIOD_DAYS as readonly number[]).includes(parsedDays) ? (parsedDays as PeriodDays) : (period !== "" && ignored.push("period"), 30);
  return { filters: { application, environment, days }, ignored };
}

export function metricsHref(filters: MetricsFilters, change: Partial<MetricsFilters> = {}): string {
  const next = { ...filters, ...change };
  const params = new URLSearchParams();
  if (next.application) params.set("app", next.application);
  params.set("env", next.environment);
  params.set("period", String(next.days));
  return `/metrics?${params}`;
}
