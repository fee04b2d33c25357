import type * as S from "./shapes.js";

/** How one operation travels over rest-json, transcribed from the service model's `http` trait. */
export interface Route {
  readonly operation: string;
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** The model's `requestUri`; `{Member}` labels are filled from the input, URI-encoded. */
  readonly uri: string;
  /** Input members bound to the query string, mapped to their wire names. */
  readonly query?: Readonly<Record<string, string>>;
  /** The input member the model marks `idempotencyToken`, filled with a fresh UUID when absent. */
  readonly idempotencyToken?: string;
}

/** A request for one operation, like the SDK's `XxxCommand` classes. */
export abstract class PcaCommand<Input extends object, Output extends S.MetadataBearer> {
  /** Never set at run time: it only carries the output type to `send`. */
  declare readonly outputShape?: Output;
  abstract readonly route: Route;
  constructor(readonly input: Input) {}
}

function commandFor<Input extends object, Output extends S.MetadataBearer>(route: Route) {
  return class extends PcaCommand<Input, Output> {
    readonly route = route;
  };
}

const page = { MaxResults: "MaxResults", NextToken: "NextToken" } as const;
const token = "ClientToken";

export class CreateConnectorCommand extends commandFor<S.CreateConnectorInput, S.CreateConnectorOutput>({
  operation: "CreateConnector", method: "POST", uri: "/connectors", idempotencyToken: token,
}) {}
export class GetConnectorCommand extends commandFor<S.ConnectorArnInput, S.GetConnectorOutput>({
  operation: "GetConnector", method: "GET", uri: "/connectors/{ConnectorArn}",
}) {}
export class ListConnectorsCommand extends commandFor<S.PageInput, S.ListConnectorsOutput>({
  operation: "ListConnectors", method: "GET", uri: "/connectors", query: page,
}) {}
export class DeleteConnectorCommand extends commandFor<S.ConnectorArnInput, S.EmptyOutput>({
  operation: "DeleteConnector", method: "DELETE", uri: "/connectors/{ConnectorArn}",
}) {}

export class CreateDirectoryRegistrationCommand extends commandFor<
  S.CreateDirectoryRegistrationInput,
  S.CreateDirectoryRegistrationOutput
>({
  operation: "CreateDirectoryRegistration", method: "POST", uri: "/directoryRegistrations",
  idempotencyToken: token,
}) {}
export class GetDirectoryRegistrationCommand extends commandFor<
  S.DirectoryRegistrationArnInput,
  S.GetDirectoryRegistrationOutput
>({
  operation: "GetDirectoryRegistration", method: "GET", uri: "/directoryRegistrations/{DirectoryRegistrationArn}",
}) {}
export class ListDirectoryRegistrationsCommand extends commandFor<S.PageInput, S.ListDirectoryRegistrationsOutput>({
  operation: "ListDirectoryRegistrations", method: "GET", uri: "/directoryRegistrations", query: page,
}) {}
export class DeleteDirectoryRegistrationCommand extends commandFor<S.DirectoryRegistrationArnInput, S.EmptyOutput>({
  operation: "DeleteDirectoryRegistration", method: "DELETE",
  uri: "/directoryRegistrations/{DirectoryRegistrationArn}",
}) {}

const spnUri = "/directoryRegistrations/{DirectoryRegistrationArn}/servicePrincipalNames/{ConnectorArn}";
export class CreateServicePrincipalNameCommand extends commandFor<S.CreateServicePrincipalNameInput, S.EmptyOutput>({
  operation: "CreateServicePrincipalName", method: "POST", uri: spnUri, idempotencyToken: token,
}) {}
export class GetServicePrincipalNameCommand extends commandFor<
  S.ServicePrincipalNameKeyInput,
  S.GetServicePrincipalNameOutput
>({ operation: "GetServicePrincipalName", method: "GET", uri: spnUri }) {}
export class ListServicePrincipalNamesCommand extends commandFor<
  S.ListServicePrincipalNamesInput,
  S.ListServicePrincipalNamesOutput
>({
  operation: "ListServicePrincipalNames", method: "GET",
  uri: "/directoryRegistrations/{DirectoryRegistrationArn}/servicePrincipalNames", query: page,
}) {}
export class DeleteServicePrincipalNameCommand extends commandFor<S.ServicePrincipalNameKeyInput, S.EmptyOutput>({
  operation: "DeleteServicePrincipalName", method: "DELETE", uri: spnUri,
}) {}

export class CreateTemplateCommand extends commandFor<S.CreateTemplateInput, S.CreateTemplateOutput>({
  operation: "CreateTemplate", method: "POST", uri: "/templates", idempotencyToken: token,
}) {}
export class GetTemplateCommand extends commandFor<S.TemplateArnInput, S.GetTemplateOutput>({
  operation: "GetTemplate", method: "GET", uri: "/templates/{TemplateArn}",
}) {}
export class ListTemplatesCommand extends commandFor<S.ListTemplatesInput, S.ListTemplatesOutput>({
  operation: "ListTemplates", method: "GET", uri: "/templates",
  query: { ...page, ConnectorArn: "ConnectorArn" },
}) {}
export class UpdateTemplateCommand extends commandFor<S.UpdateTemplateInput, S.EmptyOutput>({
  operation: "UpdateTemplate", method: "PATCH", uri: "/templates/{TemplateArn}",
}) {}
export class DeleteTemplateCommand extends commandFor<S.TemplateArnInput, S.EmptyOutput>({
  operation: "DeleteTemplate", method: "DELETE", uri: "/templates/{TemplateArn}",
}) {}

const aceUri = "/templates/{TemplateArn}/accessControlEntries/{GroupSecurityIdentifier}";
export class CreateTemplateGroupAccessControlEntryCommand extends commandFor<
  S.CreateTemplateGroupAccessControlEntryInput,
  S.EmptyOutput
>({
  operation: "CreateTemplateGroupAccessControlEntry", method: "POST", uri: "/templates/{TemplateArn}/accessControlEntries", idempotencyToken: token,
}) {}
export class GetTemplateGroupAccessControlEntryCommand extends commandFor<
  S.AccessControlEntryKeyInput,
  S.GetTemplateGroupAccessControlEntryOutput
>({ operation: "GetTemplateGroupAccessControlEntry", method: "GET", uri: aceUri }) {}
export class ListTemplateGroupAccessControlEntriesCommand extends commandFor<
  S.ListTemplateGroupAccessControlEntriesInput,
  S.ListTemplateGroupAccessControlEntriesOutput
>({
  operation: "ListTemplateGroupAccessControlEntries", method: "GET", uri: "/templates/{TemplateArn}/accessControlEntries",
  query: page,
}) {}
export class UpdateTemplateGroupAccessControlEntryCommand extends commandFor<
  S.UpdateTemplateGroupAccessControlEntryInput,
  S.EmptyOutput
>({ operation: "UpdateTemplateGroupAccessControlEntry", method: "PATCH", uri: aceUri }) {}
export class DeleteTemplateGroupAccessControlEntryCommand extends commandFor<
  S.AccessControlEntryKeyInput,
  S.EmptyOutput
>({ operation: "DeleteTemplateGroupAccessControlEntry", method: "DELETE", uri: aceUri }) {}

export class ListTagsForResourceCommand extends commandFor<S.ResourceArnInput, S.ListTagsForResourceOutput>({
  operation: "ListTagsForResource", method: "GET", uri: "/tags/{ResourceArn}",
}) {}
export class TagResourceCommand extends commandFor<S.TagResourceInput, S.EmptyOutput>({
  operation: "TagResource", method: "POST", uri: "/tags/{ResourceArn}",
}) {}
export class UntagResourceCommand extends commandFor<S.UntagResourceInput, S.EmptyOutput>({
  operation: "UntagResource", method: "DELETE", uri: "/tags/{ResourceArn}", query: { TagKeys: "tagKeys" },
}) {}
