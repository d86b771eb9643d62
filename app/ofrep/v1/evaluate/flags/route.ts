import { evaluateAllFlags } from "@/lib/flags/ofrep-handler";

// OFREP bulk evaluation, for OpenFeature SDKs with the OFREP provider (see lib/flags/README.md).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return evaluateAllFlags(request);
}
