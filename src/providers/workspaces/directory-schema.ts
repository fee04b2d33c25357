import type { JsonSchema } from "../../core/resource-kind.js";

// Constraints below are transcribed from the WorkSpaces service model (workspaces.service.json).
const ARN =
  "^arn:aws[a-z-]{0,7}:[A-Za-z0-9][A-za-z0-9_/.-]{0,62}:[A-za-z0-9_/.-]{0,63}:[A-za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\\\-]{0,1023}$";
const SECRETS_MANAGER_ARN =
  "^arn:aws[a-z-]{0,7}:secretsmanager:[A-za-z0-9_/.-]{0,63}:[A-za-z0-9_/.-]{0,63}:secret:[A-Za-z0-9][A-za-z0-9_/.-]{8,519}$";
const SECURITY_GROUP_ID = "^(sg-([0-9a-f]{8}|[0-9a-f]{17}))$";

const enabledOrDisabled = (what: string, serviceDefault: "ENABLED" | "DISABLED"): JsonSchema => ({
  type: "string",
  enum: ["ENABLED", "DISABLED"],
  description: `${what} (service default ${serviceDefault}).`,
});

const allowOrDeny = (client: string, serviceDefault: "ALLOW" | "DENY"): JsonSchema => ({
  type: "string",
  enum: ["ALLOW", "DENY"],
  description: `Whether users may connect from ${client} (service default ${serviceDefault}).`,
});

/**
 * Only what the file writes is managed, down to single members of the property families: a
 * member or family left out keeps whatever the service has.
 */
export const directorySchema: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    directoryId: {
      type: "string",
      minLength: 10,
      maxLength: 65,
      pattern: "^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)",
      description: "The Directory Service directory to register (PERSONAL), usually `${corp.directoryId}`; must be Active.",
    },
    workspaceType: {
      type: "string",
      enum: ["PERSONAL", "POOLS"],
      default: "PERSONAL",
      description: "PERSONAL registers an existing directory; POOLS creates a `wsd-` registration of its own.",
    },
    subnetIds: {
      type: "array",
      minItems: 2,
      maxItems: 2,
      uniqueItems: true,
      items: { type: "string", minLength: 15, maxLength: 24, pattern: "^(subnet-([0-9a-f]{8}|[0-9a-f]{17}))$" },
      description: "Two subnets for the WorkSpaces, in different supported Availability Zones; order does not matter. Defaults to the directory's.",
    },
    enableSelfService: {
      type: "boolean",
      description:
        "Sent at registration only: the service never returns it, so it is not compared afterwards; manage `selfservicePermissions` instead.",
    },
    enableWorkDocs: {
      not: {},
      description:
        "Removed from the WorkSpaces API: RegisterWorkspaceDirectory no longer accepts EnableWorkDocs; delete this line.",
    },
    tenancy: {
      type: "string",
      enum: ["DEDICATED", "SHARED"],
      description: "DEDICATED is required for Bring Your Own License images.",
    },
    workspaceDirectoryName: {
      type: "string",
      pattern: "^[a-zA-Z0-9][a-zA-Z0-9_.\\s-]{1,64}$",
      description: "Name of a POOLS registration (not allowed for PERSONAL); its natural key.",
    },
    workspaceDirectoryDescription: {
      type: "string",
      pattern: "^([a-zA-Z0-9_])[\\\\a-zA-Z0-9_@#%*+=:?./!\\s-]{1,255}$",
      description: "Description of a POOLS registration (not allowed for PERSONAL).",
    },
    userIdentityType: {
      type: "string",
      enum: ["CUSTOMER_MANAGED", "AWS_DIRECTORY_SERVICE", "AWS_IAM_IDENTITY_CENTER"],
      description: "Where the users of a POOLS registration come from.",
    },
    activeDirectoryConfig: {
      type: "object",
      additionalProperties: false,
      required: ["domainName", "serviceAccountSecretArn"],
      properties: {
        domainName: { type: "string", pattern: "^([a-zA-Z0-9]+[.-])+([a-zA-Z0-9])+$", description: "The customer-managed domain." },
        serviceAccountSecretArn: {
          type: "string",
          pattern: SECRETS_MANAGER_ARN,
          description: "Secrets Manager secret holding the domain service account.",
        },
      },
      description: "Customer-managed Active Directory for a POOLS registration.",
    },
    selfservicePermissions: {
      type: "object",
      additionalProperties: false,
      properties: {
        restartWorkspace: enabledOrDisabled("Users may restart their WorkSpace", "ENABLED"),
        increaseVolumeSize: enabledOrDisabled("Users may grow their volumes", "DISABLED"),
        changeComputeType: enabledOrDisabled("Users may change the compute type", "DISABLED"),
        switchRunningMode: enabledOrDisabled("Users may switch between AlwaysOn and AutoStop", "DISABLED"),
        rebuildWorkspace: enabledOrDisabled("Users may rebuild their WorkSpace", "DISABLED"),
      },
      description: "What users may do to their own WorkSpaces (PERSONAL only); all five are sent on every change, unwritten ones as they are.",
    },
    workspaceCreationProperties: {
      type: "object",
      additionalProperties: false,
      properties: {
        enableInternetAccess: { type: "boolean", description: "Give new WorkSpaces internet access (service default false)." },
        defaultOu: {
          type: ["string", "null"],
          pattern: "^[Oo][Uu]=.+(,[Dd][Cc]=[^,]+){2,}$",
          description:
            "LDAP DN of the OU for new computer objects (OU=…,DC=…,DC=…; not checked to exist). " +
            "Cannot be removed once set: null plans a replacement.",
        },
        customSecurityGroupId: {
          type: ["string", "null"],
          minLength: 11,
          maxLength: 20,
          pattern: SECURITY_GROUP_ID,
          description: "Extra security group for new WorkSpaces. Cannot be removed once set: null plans a replacement.",
        },
        userEnabledAsLocalAdministrator: {
          type: "boolean",
          description: "Make users local administrators of their WorkSpaces (PERSONAL only; service default true).",
        },
        enableMaintenanceMode: { type: "boolean", description: "Apply maintenance windows (PERSONAL only; service default true)." },
        instanceIamRoleArn: { type: "string", pattern: ARN, description: "IAM role attached to new WorkSpaces instances." },
      },
      description: "Defaults applied to WorkSpaces created in this directory.",
    },
    workspaceAccessProperties: {
      type: "object",
      additionalProperties: false,
      properties: {
        deviceTypeWindows: allowOrDeny("Windows clients", "ALLOW"),
        deviceTypeOsx: allowOrDeny("macOS clients", "ALLOW"),
        deviceTypeWeb: allowOrDeny("the web client", "DENY"),
        deviceTypeIos: allowOrDeny("iOS clients", "ALLOW"),
        deviceTypeAndroid: allowOrDeny("Android clients", "ALLOW"),
        deviceTypeChromeOs: allowOrDeny("ChromeOS clients", "ALLOW"),
        deviceTypeZeroClient: allowOrDeny("zero clients", "ALLOW"),
        deviceTypeLinux: allowOrDeny("Linux clients", "DENY"),
        deviceTypeWorkSpacesThinClient: allowOrDeny("WorkSpaces Thin Client devices", "DENY"),
        accessEndpointConfig: {
          type: "object",
          additionalProperties: false,
          required: ["accessEndpoints"],
          properties: {
            accessEndpoints: {
              type: "array",
              items: {
                type: "object",
                additionalProperties: false,
                properties: {
                  accessEndpointType: { type: "string", enum: ["STREAMING_WSP"], description: "Streaming protocol of the endpoint." },
                  vpcEndpointId: { type: "string", pattern: "^[a-zA-Z0-9_-]{1,1000}$", description: "VPC endpoint used for streaming." },
                },
              },
              description: "VPC endpoints users stream through.",
            },
            internetFallbackProtocols: {
              type: "array",
              items: { type: "string", enum: ["PCOIP"] },
              description: "Protocols that fall back to the internet when the VPC endpoint is unavailable.",
            },
          },
          description: "Streaming through VPC endpoints instead of the internet.",
        },
      },
      description: "Which client devices may connect.",
    },
    clientProperties: {
      type: "object",
      additionalProperties: false,
      properties: {
        reconnectEnabled: enabledOrDisabled("Clients may save credentials to reconnect", "ENABLED"),
        logUploadEnabled: enabledOrDisabled("Clients upload diagnostic logs", "ENABLED"),
      },
      description: "Settings of the WorkSpaces client applications for this directory.",
    },
    tags: {
      type: "object",
      maxProperties: 48,
      propertyNames: {
        type: "string",
        minLength: 1,
        maxLength: 127,
        not: { pattern: "^(aws|adstack):", description: "the name is reserved: aws: keys belong to AWS, adstack: keys to adstack's ownership tags" },
      },
      additionalProperties: { type: "string", maxLength: 255 },
      description: "User tags (up to 48: adstack adds its two ownership tags).",
    },
  },
  allOf: [
    {
      if: { properties: { workspaceType: { const: "POOLS" } }, required: ["workspaceType"] },
      then: {
        required: ["workspaceDirectoryName", "workspaceDirectoryDescription", "userIdentityType"],
        properties: {
          workspaceDirectoryName: {},
          workspaceDirectoryDescription: {},
          userIdentityType: {},
          directoryId: { not: {}, description: "A POOLS registration gets its own wsd- ID: remove directoryId." },
          selfservicePermissions: { not: {}, description: "Self-service permissions apply to PERSONAL registrations only." },
        },
      },
      else: {
        required: ["directoryId"],
        properties: {
          directoryId: {},
          workspaceDirectoryName: { not: {}, description: "Only POOLS registrations have a name." },
          workspaceDirectoryDescription: { not: {}, description: "Only POOLS registrations have a description." },
        },
      },
    },
  ],
};
