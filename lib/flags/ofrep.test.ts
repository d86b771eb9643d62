import { describe, expect, test } from "vitest";
import { credentialsFrom, matchesEtag, parseEvaluationRequest } from "./ofrep";

describe("parseEvaluationRequest", () => {
  test("reads the targeting key and keeps the context for the ETag", () => {
    expect(parseEvaluationRequest('{"context":{"targetingKey":"u1","plan":"pro"}}')).toEqual({
      ok: true,
      targetingKey: "u1",
      contextJson: '{"targetingKey":"u1","plan":"pro"}',
    });
  });

  test("an empty body or missing context is an empty context", () => {
    expect(parseEvaluationRequest("")).toMatchObject({ ok: true, targetingKey: undefined });
    expect(parseEvaluationRequest("{}")).toMatchObject({ ok: true, targetingKey: undefined });
  });

  test("bad JSON is PARSE_ERROR, a bad context INVALID_CONTEXT", () => {
    expect(parseEvaluationRequest("{nope")).toMatchObject({ ok: false, errorCode: "PARSE_ERROR" });
    expect(parseEvaluationRequest("[1]")).toMatchObject({ ok: false, errorCode: "PARSE_ERROR" });
    expect(parseEvaluationRequest('{"context":"x"}')).toMatchObject({ ok: false, errorCode: "INVALID_CONTEXT" });
    expect(parseEvaluationRequest('{"context":{"targetingKey":42}}')).toMatchObject({ ok: false, errorCode: "INVALID_CONTEXT" });
  });
});

describe("credentialsFrom", () => {
  test("accepts a bearer token or X-API-Key", () => {
    expect(credentialsFrom(new Headers({ authorization: "Bearer fdk_abc" }))).toBe("fdk_abc");
    expect(credentialsFrom(new Headers({ "x-api-key": "fdk_def" }))).toBe("fdk_def");
    expect(credentialsFrom(new Headers({ authorization: "Basic Zm9v" }))).toBeNull();
    expect(credentialsFrom(new Headers())).toBeNull();
  });
});

describe("matchesEtag", () => {
  test("compares lists, weak tags and *", () => {
    expect(matchesEtag('"a", "b"', '"b"')).toBe(true);
    expect(matchesEtag('W/"b"', '"b"')).toBe(true);
    expect(matchesEtag("*", '"b"')).toBe(true);
    expect(matchesEtag('"a"', '"b"')).toBe(false);
    expect(matchesEtag(null, '"b"')).toBe(false);
  });
});
