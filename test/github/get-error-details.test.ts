import { describe, expect, it } from "vitest";

import { getErrorDetails } from "../../src/github/get-error-details.js";

describe("getErrorDetails", () => {
  it("keeps status and request id", () => {
    const error = Object.assign(new Error("Server Error"), {
      status: 502,
      response: { headers: { "x-github-request-id": "AB:CD" }, data: "x" },
    });

    expect(getErrorDetails(error)).toMatchObject({
      name: "Error",
      message: "Server Error",
      status: 502,
      requestId: "AB:CD",
    });
  });

  it("drops response data and partial results", () => {
    const error = Object.assign(new Error("Request failed"), {
      data: { repository: { f0: { text: "const secret = 1;" } } },
      request: { query: "query", variables: { e0: "sha:src/a.js" } },
    });

    const details = getErrorDetails(error);

    expect(JSON.stringify(details)).not.toContain("const secret");
    expect(Object.keys(details).sort()).toEqual(["message", "name", "stack"]);
  });

  it("describes a thrown non-error", () => {
    expect(getErrorDetails("boom")).toEqual({ name: "Error", message: "boom" });
  });
});
