import { expect, test } from "vitest";
import { needsDummyCredentials } from "./client";

test("a local ECS endpoint without credentials gets dummy ones; real setups use the default chain", () => {
  expect(needsDummyCredentials({ AWS_ENDPOINT_URL_ECS: "http://localhost:4010" })).toBe(true);
  expect(needsDummyCredentials({ AWS_ENDPOINT_URL_ECS: "http://127.0.0.1:4010" })).toBe(true);
  expect(needsDummyCredentials({ AWS_ENDPOINT_URL_ECS: "http://localhost:4010", AWS_ACCESS_KEY_ID: "AKIA…" })).toBe(false);
  expect(needsDummyCredentials({ AWS_ENDPOINT_URL_ECS: "http://localhost:4010", AWS_PROFILE: "dev" })).toBe(false);
  expect(needsDummyCredentials({ AWS_ENDPOINT_URL_ECS: "https://ecs.eu-west-1.amazonaws.com" })).toBe(false);
  expect(needsDummyCredentials({})).toBe(false);
});
