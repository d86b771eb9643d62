import { streamAuditEvents } from "@/lib/audit/find-audit-events";
import { csvHeader, csvLine, EXPORT_FORMATS, jsonLine, type ExportFormat } from "@/lib/audit/export-format";
import { filtersToSearchParams, parseAuditFilters } from "@/lib/audit/filters";
import { recordEvent } from "@/lib/audit/record";
import { currentRequestMeta } from "@/lib/audit/request-meta";
import { getCurrentUser } from "@/lib/auth/current-user";
import { hasPermission } from "@/lib/authz/policy";
import { log } from "@/lib/log";

// GET /api/audit/export?format=csv|jsonl&<the /audit filters>
// Streams the filtered set: keyset batches of 1000 are read as the client consumes the body, so a
// million-event export holds one batch in memory. Same filters and same authorization as the page.

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
};

export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!hasPermission(user, "dashboard.read")) return Response.json({ error: "Your roles do not allow this." }, { status: 403 });

  const params = new URL(request.url).searchParams;
  const format = (params.get("format") ?? "csv") as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) return Response.json({ error: "format must be csv or jsonl" }, { status: 400 });
  const { filters, errors } = parseAuditFilters(params);
  if (Object.keys(errors).length > 0) return Response.json({ error: "Invalid filters.", fields: errors }, { status: 400 });
  // An export is always the whole filtered set, whatever page the link came from.
  const wholeSet = { ...filters, before: undefined, after: undefined };
  const includeRequestMeta = hasPermission(user, "audit.request_meta");

  // Who took which slice of the trail is itself part of the trail.
  await recordEvent({
    actor: { type: "user", id: user.id, login: user.login },
    action: "audit.exported",
    outcome: "succeeded",
    targetType: "audit",
    target: format,
    request: await currentRequestMeta(),
    payload: { filters: Object.fromEntries(filtersToSearchParams(wholeSet)), includeRequestMeta },
  });

  const encoder = new TextEncoder();
  const batches = streamAuditEvents({ filters: wholeSet, includeRequestMeta });
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!headerSent && format === "csv") controller.enqueue(encoder.encode(csvHeader(includeRequestMeta)));
        headerSent = true;
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        const line = format === "csv" ? csvLine : jsonLine;
        let chunk = "";
        for (const event of next.value) chunk += line(event, includeRequestMeta);
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        log.error("audit.export_failed", { login: user.login, error });
        controller.error(new Error("export failed"));
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });

  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="flightdeck-audit-${stamp}.${format}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
