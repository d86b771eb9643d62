import { generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, test } from "vitest";
import { appJwt, githubAppCredentials } from "./app-auth";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();

describe("GitHub App authentication", () => {
  test("the JWT is RS256 over header.payload, issued by the App 60 s back and valid 9 minutes", () => {
    const jwt = appJwt("123456", privateKey, new Date("2026-11-22T10:00:00Z"));
    const [header, payload, signature] = jwt.split(".");
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toEqual({ alg: "RS256", typ: "JWT" });
    const seconds = Date.parse("2026-11-22T10:00:00Z") / 1000;
    expect(JSON.parse(Buffer.from(payload!, "base64url").toString())).toEqual({ iat: seconds - 60, exp: seconds + 540, iss: "123456" });
    expect(verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature!, "base64url"))).toBe(true);
  });

  test("App id + key win over a ready token; a key pasted with literal \\n still reads; nothing configured is null", () => {
    const oneLine = pem.replace(/\n/g, "\\n");
    expect(githubAppCredentials({ GITHUB_APP_ID: "7", GITHUB_APP_PRIVATE_KEY: oneLine, GITHUB_APP_INSTALLATION_TOKEN: "ghs_x" })).toMatchObject({ kind: "app", appId: "7" });
    expect(githubAppCredentials({ GITHUB_APP_INSTALLATION_TOKEN: "ghs_x" })).toEqual({ kind: "installation-token", token: "ghs_x" });
    expect(githubAppCredentials({ GITHUB_APP_ID: "7" })).toBeNull();
  });
});
