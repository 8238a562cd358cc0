/**
 * graphql-request 7 ships ESM typings ("type": "module") with a CJS build. Under this project's
 * CommonJS + node10 resolution TypeScript refuses a plain value import (TS1479), so load the CJS build with
 * require and borrow the types with a resolution-mode import.
 */
import type { ClientError as ClientErrorType, GraphQLClient as GraphQLClientType } from 'graphql-request' with { 'resolution-mode': 'import' };

const lib = require('graphql-request') as {
  GraphQLClient: typeof GraphQLClientType;
  ClientError: typeof ClientErrorType;
};

export const GraphQLClient = lib.GraphQLClient;
export const ClientError = lib.ClientError;
