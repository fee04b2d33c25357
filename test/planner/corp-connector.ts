import type { JsonObject } from "../../src/core/json.js";
import type { Live, Owner } from "../../src/core/resource-kind.js";
import { TEST_STACK, type FakeCloud } from "../support/fake-kinds.js";

/** The file's `ds/ad-connector.corp`: a write-only password and its subnets out of order. */
export const corpProperties: JsonObject = {
  name: "corp.example.com",
  size: "Small",
  password: { env: "CORP_PASSWORD" },
  connectSettings: { vpcId: "vpc-1", subnetIds: ["subnet-b", "subnet-a"], customerUserName: "svc" },
  tags: { team: "identity" },
};

/** The same connector as AWS returns it: no password, subnets sorted. */
export const corpLive: JsonObject = {
  name: "corp.example.com",
  size: "Small",
  connectSettings: { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], customerUserName: "svc" },
  tags: { team: "identity" },
};

/**
 * Seeds the live corp connector (d-1111111111) with `corpLive` plus `overrides`, tagged for the
 * test stack unless `owner` says otherwise; `null` seeds it untagged.
 */
export function putCorpConnector(cloud: FakeCloud, owner: Owner | null = { stack: TEST_STACK, name: "corp" }, overrides: JsonObject = {}): Live {
  return cloud.put("ds/ad-connector", {
    id: "d-1111111111",
    properties: { ...corpLive, ...overrides },
    outputs: { directoryId: "d-1111111111", arn: "arn:corp" },
    owner: owner ?? undefined,
  });
}
