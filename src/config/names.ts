/**
 * Stack and resource names end up as the `adstack:stack` / `adstack:name` tag values. Directory
 * Service accepts only a narrow character class in tag values and addresses split at the last
 * dot, so names are limited to what every service and the address syntax can carry.
 */
export const NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$";
const NAME = new RegExp(NAME_PATTERN);

/** `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-central-2`, ... */
export const REGION_PATTERN = "^[a-z]{2}(-[a-z]+)+-[0-9]+$";
const REGION = new RegExp(REGION_PATTERN);

/** What `env:` may name: a portable environment variable name. */
export const ENV_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";
/** ENV_NAME_PATTERN compiled. */
export const ENV_NAME = new RegExp(ENV_NAME_PATTERN);

const NAME_RULE = 'use 1-63 letters, digits, "-" or "_", starting with a letter or digit';

/** Whether a stack or resource name can become a tag value and an address part. */
export function isValidName(name: string): boolean {
  return NAME.test(name);
}

/** Whether the text has the shape of an AWS Region name. */
export function isValidRegion(region: string): boolean {
  return REGION.test(region);
}

/** Why a resource name is refused, or undefined when it is fine. */
export function checkResourceName(name: string): string | undefined {
  if (isValidName(name)) return undefined;
  return `resource name "${name}" is not allowed: ${NAME_RULE}, because it becomes the adstack:name tag value on AWS and is written as \${name.attribute} in references`;
}

/** Why a stack name is refused, or undefined when it is fine. */
export function checkStackName(stack: string): string | undefined {
  if (isValidName(stack)) return undefined;
  return `stack name "${stack}" is not allowed: ${NAME_RULE}, because it becomes the adstack:stack tag value on every resource and AWS tag values allow only a few characters`;
}

/** Why a region is refused, or undefined when it looks like an AWS region. */
export function checkRegion(region: string): string | undefined {
  if (isValidRegion(region)) return undefined;
  return `region "${region}" does not look like an AWS region such as us-east-1`;
}
