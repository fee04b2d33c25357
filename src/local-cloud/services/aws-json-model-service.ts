import type { ServiceModel } from "../models/service-model.js";
import { createAwsJsonService, type AwsJsonHandler } from "../protocols/aws-json.js";
import type { LocalService } from "../types.js";

/** The error names a service answers with when it refuses input, and when it throttles a call. */
export interface ServiceErrorNames {
  /** The model's error shape for constraint violations. */
  validation: string;
  /**
   * Neither DS nor WorkSpaces models a throttling error; the real services send this name with the
   * message "Rate exceeded".
   */
  throttling: string;
}

/** An awsJson service answering the operations of `model` with `handlers`. */
export function createAwsJsonModelService(
  name: string,
  model: ServiceModel,
  handlers: Readonly<Record<string, AwsJsonHandler>>,
  errors: ServiceErrorNames,
): LocalService {
  return createAwsJsonService({
    name,
    model,
    handlers,
    validationError: errors.validation,
    throttling: { errorName: errors.throttling, message: "Rate exceeded" },
  });
}
