// Prisma's query interpreter loads the relations of one `include`/`select` concurrently (a join
// node's children go through Promise.all). Outside a transaction that is fine: the pool gives each
// statement its own connection. Inside one, every statement goes to the transaction's single pg
// client, which pg 8.19+ only queues with "Calling client.query() when the client is already
// executing a query is deprecated" and pg 9 will reject. The adapter does not serialise them yet
// (prisma/orm#29468 and #29979 are open), so each transaction here sends one statement at a time:
// the order pg's internal queue gives today, without depending on that queue. COMMIT and ROLLBACK
// are statements too (executeRaw), so they wait for whatever is still running.
import { PrismaPg } from "@prisma/adapter-pg";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** PrismaPg whose transactions run their statements one after another. */
export class SerialTransactionsPrismaPg extends PrismaPg {
  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => oneStatementAtATime(await start(isolationLevel));
    return adapter;
  }
}

function oneStatementAtATime(tx: Transaction): Transaction {
  let previous: Promise<unknown> = Promise.resolve();
  const queued = <R>(run: () => Promise<R>): Promise<R> => {
    const result = previous.then(run);
    previous = result.catch(() => undefined);
    return result;
  };
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  tx.queryRaw = (query) => queued(() => queryRaw(query));
  tx.executeRaw = (query) => queued(() => executeRaw(query));
  return tx;
}
