import { json, type Reply } from "../http/reply";

export const DOCS_URL = "https://docs.github.com/rest";

/** GitHub's error body: message, documentation_url, and (since 2023) the status as a string. */
export function githubError(status: number, message: string, extra: Record<string, unknown> = {}): Reply {
  return json(status, { message, documentation_url: DOCS_URL, status: String(status), ...extra });
}

export const notFound = (): Reply => githubError(404, "Not Found");
export const requiresAuthentication = (): Reply => githubError(401, "Requires authentication");
export const badCredentials = (): Reply => githubError(401, "Bad credentials");

export interface ValidationErrorItem {
  resource?: string;
  field?: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  message?: string;
}

/** 422 as GitHub sends it for a well-formed request with invalid fields. */
export function validationFailed(errors: ValidationErrorItem[], message = "Validation Failed"): Reply {
  return githubError(422, message, { errors });
}
