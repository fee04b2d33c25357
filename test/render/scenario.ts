import type { Plan } from "../../src/core/plan.js";
import { planChanges } from "../../src/planner/plan.js";
import { desiredState, exampleKinds, FakeCloud, fakeContext, resourceSpec, TEST_STACK } from "../support/fake-kinds.js";

const connectSettings = (subnetIds: string[], vpcId = "vpc-1") => ({ vpcId, subnetIds, customerUserName: "svc" });

/**
 * A plan with one of everything the renderers show: a replace forced by a list change and
 * propagated to a child, an in-place update with a multi-line text, a create with unknowns, an
 * orphan delete, an adoption, a resource of another stack and a failed live resource.
 */
export async function scenarioPlan(): Promise<Plan> {
  const cloud = new FakeCloud();
  const kinds = exampleKinds(cloud);
  const owner = (name: string) => ({ stack: TEST_STACK, name });
  cloud.put("ds/ad-connector", {
    id: "d-1111111111",
    properties: { name: "corp.example.com", size: "Small", connectSettings: connectSettings(["subnet-a", "subnet-b"]), tags: { team: "identity", cost: "42" } },
    outputs: { directoryId: "d-1111111111" },
    owner: owner("corp"),
  });
  cloud.put("ds/trust", {
    id: "t-2222222222",
    properties: { directoryId: "d-1111111111", remoteDomainName: "onprem.example.com", trustDirection: "Two-Way" },
    outputs: { trustId: "t-2222222222" },
  });
  cloud.put("ds/ad-connector", {
    id: "d-3333333333",
    properties: { name: "lab.example.com", size: "Small", description: "first line\nsecond line\n", connectSettings: connectSettings(["subnet-a"]) },
    outputs: { directoryId: "d-3333333333" },
    owner: owner("lab"),
    readiness: { state: "failed", reason: "The DNS servers did not respond" },
  });
  cloud.put("ds/ad-connector", { id: "d-4444444444", properties: { name: "legacy.example.com", size: "Large" }, outputs: {}, owner: owner("legacy") });
  cloud.put("ds/ad-connector", {
    id: "d-5555555555",
    properties: { name: "shared.example.com", size: "Small", connectSettings: connectSettings(["subnet-z"], "vpc-9") },
    outputs: { directoryId: "d-5555555555" },
    owner: { stack: "network", name: "shared" },
  });
  cloud.put("workspaces/directory", { id: "wsd-6666666666", properties: { directoryId: "d-6666666666", enableWorkDocs: false }, outputs: {} });

  const secret = { env: "CORP_PASSWORD" };
  const desired = desiredState([
    resourceSpec("ds/ad-connector", "corp", {
      name: "corp.example.com",
      size: "Small",
      password: secret,
      connectSettings: connectSettings(["subnet-c", "subnet-a"]),
      tags: { team: "platform" },
    }),
    resourceSpec("ds/trust", "forest", {
      directoryId: "${corp.directoryId}",
      remoteDomainName: "onprem.example.com",
      trustDirection: "Two-Way",
      trustPassword: { env: "TRUST_PASSWORD" },
    }),
    resourceSpec("ds/ad-connector", "lab", {
      name: "lab.example.com",
      size: "Small",
      alias: "lab-corp",
      description: "first line\nchanged line\n",
      connectSettings: connectSettings(["subnet-a"]),
    }),
    resourceSpec("ds/ad-connector", "shared", { name: "shared.example.com", size: "Large", connectSettings: connectSettings(["subnet-z"], "vpc-9") }),
    resourceSpec("workspaces/directory", "desk", {
      directoryId: "${corp.directoryId}",
      subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210", "subnet-00000000000000000"],
      selfservicePermissions: { restartWorkspace: "ENABLED" },
      tags: { team: "platform" },
    }),
    resourceSpec("workspaces/directory", "adopted", { directoryId: "d-6666666666", enableWorkDocs: false }),
  ]);
  return planChanges({ desired, registry: kinds.registry, ctx: fakeContext() });
}
