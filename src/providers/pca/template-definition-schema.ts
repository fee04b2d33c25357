/**
 * JSON Schema of `pca/template.definition`: the model's TemplateDefinition union (TemplateV2 |
 * TemplateV3 | TemplateV4) transcribed member by member, in lowerCamelCase, with its required
 * lists and constraints. Unions take exactly one member.
 */
import type { JsonSchema } from "../../core/resource-kind.js";

/** ApplicationPolicyType, as the model lists it. */
const APPLICATION_POLICY_TYPES = [
  "ALL_APPLICATION_POLICIES", "ANY_PURPOSE", "ATTESTATION_IDENTITY_KEY_CERTIFICATE", "CERTIFICATE_REQUEST_AGENT",
  "CLIENT_AUTHENTICATION", "CODE_SIGNING", "CTL_USAGE", "DIGITAL_RIGHTS", "DIRECTORY_SERVICE_EMAIL_REPLICATION",
  "DISALLOWED_LIST", "DNS_SERVER_TRUST", "DOCUMENT_ENCRYPTION", "DOCUMENT_SIGNING", "DYNAMIC_CODE_GENERATOR",
  "EARLY_LAUNCH_ANTIMALWARE_DRIVER", "EMBEDDED_WINDOWS_SYSTEM_COMPONENT_VERIFICATION", "ENCLAVE", "ENCRYPTING_FILE_SYSTEM",
  "ENDORSEMENT_KEY_CERTIFICATE", "FILE_RECOVERY", "HAL_EXTENSION", "IP_SECURITY_END_SYSTEM", "IP_SECURITY_IKE_INTERMEDIATE",
  "IP_SECURITY_TUNNEL_TERMINATION", "IP_SECURITY_USER", "ISOLATED_USER_MODE", "KDC_AUTHENTICATION", "KERNEL_MODE_CODE_SIGNING",
  "KEY_PACK_LICENSES", "KEY_RECOVERY", "KEY_RECOVERY_AGENT", "LICENSE_SERVER_VERIFICATION", "LIFETIME_SIGNING",
  "MICROSOFT_PUBLISHER", "MICROSOFT_TIME_STAMPING", "MICROSOFT_TRUST_LIST_SIGNING", "OCSP_SIGNING",
  "OEM_WINDOWS_SYSTEM_COMPONENT_VERIFICATION", "PLATFORM_CERTIFICATE", "PREVIEW_BUILD_SIGNING", "PRIVATE_KEY_ARCHIVAL",
  "PROTECTED_PROCESS_LIGHT_VERIFICATION", "PROTECTED_PROCESS_VERIFICATION", "QUALIFIED_SUBORDINATION", "REVOKED_LIST_SIGNER",
  "ROOT_PROGRAM_AUTO_UPDATE_CA_REVOCATION", "ROOT_PROGRAM_AUTO_UPDATE_END_REVOCATION", "ROOT_PROGRAM_NO_OSCP_FAILOVER_TO_CRL",
  "ROOT_LIST_SIGNER", "SECURE_EMAIL", "SERVER_AUTHENTICATION", "SMART_CARD_LOGIN", "SPC_ENCRYPTED_DIGEST_RETRY_COUNT",
  "SPC_RELAXED_PE_MARKER_CHECK", "TIME_STAMPING", "WINDOWS_HARDWARE_DRIVER_ATTESTED_VERIFICATION",
  "WINDOWS_HARDWARE_DRIVER_EXTENDED_VERIFICATION", "WINDOWS_HARDWARE_DRIVER_VERIFICATION", "WINDOWS_HELLO_RECOVERY_KEY_ENCRYPTION",
  "WINDOWS_KITS_COMPONENT", "WINDOWS_RT_VERIFICATION", "WINDOWS_SOFTWARE_EXTENSION_VERIFICATION", "WINDOWS_STORE",
  "WINDOWS_SYSTEM_COMPONENT_VERIFICATION", "WINDOWS_TCB_COMPONENT", "WINDOWS_THIRD_PARTY_APPLICATION_COMPONENT", "WINDOWS_UPDATE",
];

export const TEMPLATE_NAME_PATTERN = "^(?!^\\s+$)((?![\\x5c'\\x2b,;<=>#\\x22])([\\x20-\\x7E]))+$";
const OBJECT_IDENTIFIER_PATTERN = "^([0-2])\\.([0-9]|([0-3][0-9]))(\\.([0-9]+)){0,126}$";

function flag(description: string): JsonSchema {
  return { description, type: "boolean" };
}

function struct(description: string, properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { description, type: "object", additionalProperties: false, ...(required.length > 0 ? { required } : {}), properties };
}

/** A union: exactly one of its members is set. */
function union(description: string, properties: Record<string, JsonSchema>): JsonSchema {
  return { description, type: "object", additionalProperties: false, minProperties: 1, maxProperties: 1, properties };
}

function enumOf(description: string, values: string[]): JsonSchema {
  return { description, type: "string", enum: values };
}

function validityPeriod(description: string): JsonSchema {
  return struct(
    description,
    {
      period: { description: "Length of the period, counted in periodType units.", type: "integer", minimum: 1, maximum: 8766000 },
      periodType: enumOf("Unit of the period.", ["HOURS", "DAYS", "WEEKS", "MONTHS", "YEARS"]),
    },
    ["period", "periodType"],
  );
}

const certificateValidity = struct(
  "Validity and renewal periods of issued certificates.",
  {
    renewalPeriod: validityPeriod("How long before expiry a new certificate is requested."),
    validityPeriod: validityPeriod("How long an issued certificate is valid (its Not After date)."),
  },
  ["renewalPeriod", "validityPeriod"],
);

const enrollmentFlags = struct("Enrollment settings of issued certificates.", {
  enableKeyReuseOnNtTokenKeysetStorageFull: flag("Allow renewal with the same key when the token's keyset storage is full."),
  includeSymmetricAlgorithms: flag("Include the symmetric algorithms the subject allows."),
  noSecurityExtension: flag("Leave the szOID_NTDS_CA_SECURITY_EXT security extension out of issued certificates."),
  removeInvalidCertificateFromPersonalStore: flag("Delete expired or revoked certificates instead of archiving them."),
  userInteractionRequired: flag("Require user interaction at enrollment and whenever the private key is used."),
});

const applicationPolicy = union("One application policy: a predefined type or a custom OID.", {
  policyObjectIdentifier: {
    description: "OID of a custom application policy.",
    type: "string",
    minLength: 1,
    maxLength: 64,
    pattern: OBJECT_IDENTIFIER_PATTERN,
  },
  policyType: enumOf("A predefined application policy.", APPLICATION_POLICY_TYPES),
});

const extensions = struct(
  "Key usage extension and application policies of issued certificates.",
  {
    applicationPolicies: struct(
      "What issued certificates may be used for.",
      {
        critical: flag("Mark the application policy extension critical."),
        policies: { description: "The application policies (1 to 100; order does not matter).", type: "array", minItems: 1, maxItems: 100, items: applicationPolicy },
      },
      ["policies"],
    ),
    keyUsage: struct(
      "Key usage extension: what the certified key may be used for.",
      {
        critical: flag("Mark the key usage extension critical."),
        usageFlags: struct("Key usages asserted in the extension.", {
          dataEncipherment: flag("The key enciphers raw user data directly."),
          digitalSignature: flag("The key verifies digital signatures."),
          keyAgreement: flag("The key is used for key agreement."),
          keyEncipherment: flag("The key enciphers private or secret keys (key transport)."),
          nonRepudiation: flag("The key verifies signatures that provide non-repudiation."),
        }),
      },
      ["usageFlags"],
    ),
  },
  ["keyUsage"],
);

const generalFlags = struct("Who the template is for and whether it autoenrolls.", {
  autoEnrollment: flag("Allow issuance through autoenrollment."),
  machineType: flag("The template is for computers (true) rather than users (false)."),
});

const subjectNameFlags = struct("Subject name and subject alternative name contents of issued certificates.", {
  requireCommonName: flag("Include the common name in the subject name."),
  requireDirectoryPath: flag("Include the directory path in the subject name."),
  requireDnsAsCn: flag("Use the DNS name as the subject's common name."),
  requireEmail: flag("Include the subject's email in the subject name."),
  sanRequireDirectoryGuid: flag("Include the directory object GUID in the subject alternative name."),
  sanRequireDns: flag("Include the DNS name in the subject alternative name."),
  sanRequireDomainDns: flag("Include the domain DNS name in the subject alternative name."),
  sanRequireEmail: flag("Include the subject's email in the subject alternative name."),
  sanRequireSpn: flag("Include the service principal name in the subject alternative name."),
  sanRequireUpn: flag("Include the user principal name in the subject alternative name."),
});

const supersededTemplates: JsonSchema = {
  description: "Names of Active Directory templates this one supersedes (1 to 100; order does not matter).",
  type: "array",
  minItems: 1,
  maxItems: 100,
  items: { type: "string", minLength: 1, maxLength: 64, pattern: TEMPLATE_NAME_PATTERN },
};

const cryptoProviders: JsonSchema = {
  description: "Cryptographic providers that may generate the private key (1 to 100; order does not matter).",
  type: "array",
  minItems: 1,
  maxItems: 100,
  items: { type: "string", minLength: 1, maxLength: 100 },
};

const keySpec = enumOf("Purpose of the private key.", ["KEY_EXCHANGE", "SIGNATURE"]);
const minimalKeyLength: JsonSchema = { description: "Minimum length of the private key, in bits.", type: "integer", minimum: 1 };
const algorithm = enumOf("Algorithm that generates the private key.", ["RSA", "ECDH_P256", "ECDH_P384", "ECDH_P521"]);
const keyUsageProperty = union("What the private key may be used for: specific flags, or every usage.", {
  propertyFlags: struct("Specific usages of the private key.", {
    decrypt: flag("Encryption and decryption."),
    keyAgreement: flag("Key exchange without encryption."),
    sign: flag("Digital signatures."),
  }),
  propertyType: enumOf("Every usage of the private key.", ["ALL"]),
});
const hashAlgorithm = (description: string) => enumOf(description, ["SHA256", "SHA384", "SHA512"]);
const exportableKey = flag("Allow the private key to be exported.");
const strongKeyProtectionRequired = flag("Require user input whenever the private key is used.");
const requireAlternateSignatureAlgorithm = flag("Require the PKCS #1 v2.1 signature format.");

const common = { certificateValidity, enrollmentFlags, extensions, generalFlags, subjectNameFlags, supersededTemplates };
const requiredCommon = ["certificateValidity", "enrollmentFlags", "extensions", "generalFlags", "privateKeyAttributes", "privateKeyFlags", "subjectNameFlags"];

const templateV2 = struct(
  "Policy schema 2 template: legacy cryptographic service providers, Windows Server 2003 clients and later.",
  {
    ...common,
    privateKeyAttributes: struct("Private key length, spec and providers.", { cryptoProviders, keySpec, minimalKeyLength }, ["keySpec", "minimalKeyLength"]),
    privateKeyFlags: struct(
      "Private key client compatibility and handling.",
      {
        clientVersion: enumOf("Oldest client that must be able to use the template.", [
          "WINDOWS_SERVER_2003", "WINDOWS_SERVER_2008", "WINDOWS_SERVER_2008_R2", "WINDOWS_SERVER_2012", "WINDOWS_SERVER_2012_R2", "WINDOWS_SERVER_2016",
        ]),
        exportableKey,
        strongKeyProtectionRequired,
      },
      ["clientVersion"],
    ),
  },
  requiredCommon,
);

const templateV3 = struct(
  "Policy schema 3 template: key storage providers, Windows Server 2008 clients and later.",
  {
    ...common,
    hashAlgorithm: hashAlgorithm("Hash algorithm used with the private key."),
    privateKeyAttributes: struct(
      "Private key algorithm, length, spec, usage and providers.",
      { algorithm, cryptoProviders, keySpec, keyUsageProperty, minimalKeyLength },
      ["algorithm", "keySpec", "keyUsageProperty", "minimalKeyLength"],
    ),
    privateKeyFlags: struct(
      "Private key client compatibility and handling.",
      {
        clientVersion: enumOf("Oldest client that must be able to use the template.", [
          "WINDOWS_SERVER_2008", "WINDOWS_SERVER_2008_R2", "WINDOWS_SERVER_2012", "WINDOWS_SERVER_2012_R2", "WINDOWS_SERVER_2016",
        ]),
        exportableKey,
        requireAlternateSignatureAlgorithm,
        strongKeyProtectionRequired,
      },
      ["clientVersion"],
    ),
  },
  [...requiredCommon, "hashAlgorithm"],
);

const templateV4 = struct(
  "Policy schema 4 template: legacy or key storage providers, Windows Server 2012 clients and later.",
  {
    ...common,
    hashAlgorithm: hashAlgorithm("Hash algorithm used with the private key; only with key storage providers."),
    privateKeyAttributes: struct(
      "Private key length, spec and, optionally, algorithm, usage and providers.",
      { algorithm, cryptoProviders, keySpec, keyUsageProperty, minimalKeyLength },
      ["keySpec", "minimalKeyLength"],
    ),
    privateKeyFlags: struct(
      "Private key client compatibility, handling and renewal.",
      {
        clientVersion: enumOf("Oldest client that must be able to use the template.", [
          "WINDOWS_SERVER_2012", "WINDOWS_SERVER_2012_R2", "WINDOWS_SERVER_2016",
        ]),
        exportableKey,
        requireAlternateSignatureAlgorithm,
        requireSameKeyRenewal: flag("Renew certificates with the same private key."),
        strongKeyProtectionRequired,
        useLegacyProvider: flag("Generate keys with legacy cryptographic service providers instead of key storage providers."),
      },
      ["clientVersion"],
    ),
  },
  requiredCommon,
);

export const templateDefinitionSchema: JsonSchema = union(
  "What issued certificates contain: exactly one of templateV2, templateV3, templateV4 (UpdateTemplate changes it in place).",
  { templateV2, templateV3, templateV4 },
);
