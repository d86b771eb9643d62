import { evaluateOneFlag } from "@/lib/flags/ofrep-handler";

// OFREP single-flag evaluation (see lib/flags/README.md).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  const { key } = await params;
  return evaluateOneFlag(request, key);
}
