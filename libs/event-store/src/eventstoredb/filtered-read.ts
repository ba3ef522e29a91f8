import type { Readable } from 'node:stream';
import {
  BACKWARDS,
  END,
  START,
  convertToCommandError,
  type AllStreamResolvedEvent,
  type Direction,
  type EventStoreDBClient,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
// The client's generated protobuf messages and its event conversion (CommonJS, no `exports` map).
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import grpcEvents from '@eventstore/db-client/dist/utils/convertGrpcEvent.js';

/**
 * Reads `$all` with a server-side stream-name filter.
 *
 * Why this file exists: `@eventstore/db-client` 6.2.1 (the last release of that package) sends
 * every `readAll` with "no filter"; only `subscribeToAll` takes one. The server has long served
 * filtered reads of `$all` (the `filter` option of the same `Streams.Read` call, answered by its
 * ReadAll{Forwards,Backwards}Filtered enumerators), and the successor client
 * (`@kurrent/kurrentdb-client`) exposes it as `readAll({ filter })`. Until the project moves to
 * that client, this builds the same request the client builds for `subscribeToAll`, minus the
 * subscription, on the client's own channel (connection, discovery, TLS, credentials).
 * Moving to the successor client replaces this file by one `readAll({ filter })` call.
 */
export type StreamFilter = { prefixes: string[] } | { regex: string };

export interface FilteredReadOptions {
  /** START/END or a position; a forward read includes the event at the position itself. */
  fromPosition: EsdbPosition | typeof START | typeof END;
  direction: Direction;
  maxCount: number;
  filter: StreamFilter;
}

type ReadCall = Readable & AsyncIterable<streamsPb.ReadResp> & { cancel(): void };

/** The client's protected helpers (instance properties at run time). */
interface ClientInternals {
  GRPCStreamCreator(
    grpcClient: typeof streamsGrpc.StreamsClient,
    debugName: string,
    creator: (grpc: streamsGrpc.StreamsClient) => ReadCall,
  ): () => Promise<ReadCall>;
  callArguments(options: object, callOptions?: { deadline?: number }): unknown[];
}

export async function* readAllFiltered(
  client: EventStoreDBClient,
  options: FilteredReadOptions,
): AsyncGenerator<AllStreamResolvedEvent> {
  const request = buildRequest(options);
  const internals = client as unknown as ClientInternals;
  const open = internals.GRPCStreamCreator(streamsGrpc.StreamsClient, 'readAllFiltered', (grpc) =>
    (grpc.read as (...args: unknown[]) => ReadCall)(
      request,
      ...internals.callArguments({}, { deadline: Infinity }),
    ),
  );
  const call = await open();
  let finished = false;
  try {
    for await (const response of call) {
      if (response.hasEvent())
        yield grpcEvents.convertGrpcEvent(response.getEvent()!) as AllStreamResolvedEvent;
    }
    finished = true;
  } catch (error) {
    finished = true;
    throw convertToCommandError(error as Error);
  } finally {
    if (!finished) {
      // The caller stopped early (it has enough): cancel the call as the client's own reads do.
      // The cancellation surfaces as an error on the stream, which nobody needs to hear.
      call.on('error', () => undefined);
      call.cancel();
    }
  }
}

function buildRequest({
  fromPosition,
  direction,
  maxCount,
  filter,
}: FilteredReadOptions): streamsPb.ReadReq {
  const { ReadReq } = streamsPb;
  const all = new ReadReq.Options.AllOptions();
  if (fromPosition === START) all.setStart(new sharedPb.Empty());
  else if (fromPosition === END) all.setEnd(new sharedPb.Empty());
  else {
    const position = new ReadReq.Options.Position();
    position.setCommitPosition(fromPosition.commit.toString(10));
    position.setPreparePosition(fromPosition.prepare.toString(10));
    all.setPosition(position);
  }

  const expression = new ReadReq.Options.FilterOptions.Expression();
  if ('prefixes' in filter) expression.setPrefixList(filter.prefixes);
  else expression.setRegex(filter.regex);
  const filterOptions = new ReadReq.Options.FilterOptions();
  filterOptions.setStreamIdentifier(expression);
  // The search window is the read's own count: the server scans until it has `maxCount` matches
  // or reaches the end of `$all`.
  filterOptions.setCount(new sharedPb.Empty());
  filterOptions.setCheckpointintervalmultiplier(1);

  const uuid = new ReadReq.Options.UUIDOption();
  uuid.setString(new sharedPb.Empty());

  const options = new ReadReq.Options();
  options.setAll(all);
  options.setReadDirection(
    direction === BACKWARDS
      ? ReadReq.Options.ReadDirection.BACKWARDS
      : ReadReq.Options.ReadDirection.FORWARDS,
  );
  options.setResolveLinks(false);
  options.setCount(String(maxCount));
  options.setFilter(filterOptions);
  options.setUuidOption(uuid);

  const request = new ReadReq();
  request.setOptions(options);
  return request;
}
