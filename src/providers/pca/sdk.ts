/**
 * Everything the PCA kinds use of a PCA Connector for AD client, under the names
 * `@aws-sdk/client-pca-connector-ad` gives them. adstack ships its own client (`client.ts`,
 * `commands.ts`, `shapes.ts`) because the registry these machines reach does not serve that
 * package; this file is the one to change to use the package instead:
 *
 *   export * from "@aws-sdk/client-pca-connector-ad";
 *   export type PcaCommand<I extends object, O extends MetadataBearer> = Command<I, O, any>; // from @smithy/smithy-client
 *   export const loadClient = () => import("@aws-sdk/client-pca-connector-ad");
 *   export const operationOf = (command: object) => command.constructor.name.replace(/Command$/, "");
 *
 * Commands and shapes load with the kinds; the client itself (HTTP and signing) only once a
 * command is sent, so commands that never call AWS never load it.
 */
import type { PcaCommand } from "./commands.js";
import type { MetadataBearer } from "./shapes.js";

export * from "./commands.js";
export type * from "./shapes.js";

export const loadClient = () => import("./client.js");

/** The operation's name as the service model spells it (`CreateConnector`), for logs, errors and read sharing. */
export function operationOf(command: PcaCommand<object, MetadataBearer>): string {
  return command.route.operation;
}
