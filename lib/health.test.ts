import { describe, expect, it } from "vitest";

describe("checkHealth", () => {
  it("reports the database unreachable instead of throwing", async () => {
    // Port 1 on loopback refuses connections at once: the database is down.
    process.env.DATABASE_URL = "postgresql://nobody@127.0.0.1:1/none";
    const { checkHealth } = await import("./health");
    expect(await checkHealth()).toEqual({ ok: false, checks: { database: "unreachable" } });
  });
});
