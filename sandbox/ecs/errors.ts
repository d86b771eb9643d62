/**
 * ECS errors. Service errors travel as `{"__type": "ClusterNotFoundException", "message": "…"}` (the
 * short name, as ECS sends it); errors raised by the AWS front end before the service sees the request
 * (authentication, unknown operation, unparseable body) carry Coral's namespaced type, as on the wire
 * from AWS. The SDK reads both forms (it keeps what follows `#`).
 */
export type EcsErrorType =
  | "ClusterNotFoundException"
  | "ServiceNotFoundException"
  | "ServiceNotActiveException"
  | "InvalidParameterException"
  | "ClientException"
  | "ServerException"
  | "ThrottlingException"
  | "AccessDeniedException"
  | "com.amazon.coral.service#MissingAuthenticationTokenException"
  | "com.amazon.coral.service#IncompleteSignatureException"
  | "com.amazon.coral.service#UnknownOperationException"
  | "com.amazon.coral.service#SerializationException";

export class EcsError extends Error {
  constructor(
    readonly type: EcsErrorType,
    message: string,
    readonly status = type === "ServerException" ? 500 : 400,
  ) {
    super(message);
    this.name = type.split("#").pop() ?? type;
  }
}

export const clusterNotFound = (): EcsError => new EcsError("ClusterNotFoundException", "Cluster not found.");
export const serviceNotFound = (): EcsError => new EcsError("ServiceNotFoundException", "Service not found.");
export const invalidParameter = (message: string): EcsError => new EcsError("InvalidParameterException", message);
export const clientError = (message: string): EcsError => new EcsError("ClientException", message);
