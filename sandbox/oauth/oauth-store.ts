import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Clock } from "../clock";

/** Authorization codes live ten minutes, as GitHub's do. */
export const CODE_TTL_MS = 10 * 60 * 1000;

export interface PkceChallenge {
  method: "S256" | "plain";
  value: string;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  login: string;
  scopes: string[];
  expiresAt: number;
  pkce?: PkceChallenge;
}

export interface AccessToken {
  login: string;
  scopes: string[];
  /** Absent for tokens minted through the control API (standing in for a personal access token). */
  clientId?: string;
  createdAt: number;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Same look as GitHub's tokens (a prefix and 36 base62 characters), so log redaction in the app is exercised. */
export function randomToken(prefix: "gho_" | "ghp_" | "ghs_"): string {
  const bytes = randomBytes(36);
  return prefix + Array.from(bytes, (byte) => BASE62[byte % 62]).join("");
}

export class OAuthStore {
  private codes = new Map<string, AuthorizationCode>();
  private tokens = new Map<string, AccessToken>();

  constructor(private readonly clock: Clock) {}

  issueCode(grant: Omit<AuthorizationCode, "expiresAt">): string {
    // GitHub's codes are 20 hex characters.
    const code = randomBytes(10).toString("hex");
    this.codes.set(code, { ...grant, expiresAt: this.clock.now() + CODE_TTL_MS });
    return code;
  }

  /** Takes the code out of the store: a code is single-use whatever happens next. */
  takeCode(code: string): AuthorizationCode | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.clock.now()) return undefined;
    return grant;
  }

  issueToken(grant: Omit<AccessToken, "createdAt">, prefix: "gho_" | "ghp_" = "gho_"): string {
    const token = randomToken(prefix);
    this.tokens.set(token, { ...grant, createdAt: this.clock.now() });
    return token;
  }

  lookupToken(token: string): AccessToken | undefined {
    return this.tokens.get(token);
  }

  clear(): void {
    this.codes.clear();
    this.tokens.clear();
  }
}

/** RFC 7636 check of a code_verifier against the challenge sent to /authorize. */
export function pkceMatches(challenge: PkceChallenge, verifier: string): boolean {
  const computed = challenge.method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return safeEqual(computed, challenge.value);
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** GitHub accepts scopes separated by spaces or commas and reports them comma-separated. */
export function parseScopes(value: string | undefined): string[] {
  return [...new Set((value ?? "").split(/[\s,]+/).filter(Boolean))];
}
