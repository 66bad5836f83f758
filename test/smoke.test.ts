import { expect, it } from "vitest";
import { getJson } from "./helpers.ts";

it("serves products", async () => {
  const { status, body } = await getJson("/api/v1/products");
  expect(status).toBe(200);
  expect(body.page.total).toBeGreaterThanOrEqual(19);
});
