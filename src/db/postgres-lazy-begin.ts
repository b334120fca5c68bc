import {
  CompiledQuery,
  type DatabaseConnection,
  PostgresDriver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * The statement that takes a transaction's advisory lock (see lock-for-write.ts), sent without
 * parameters so that it can travel with the BEGIN before it.
 */
export const ADVISORY_LOCK_STATEMENT = /^select pg_advisory_xact_lock\(\d+::int4, -?\d+::int4\)$/;

/**
 * Kysely's PostgreSQL driver, sending a plain BEGIN together with the transaction's first
 * statement when that statement takes its advisory lock: `begin; select pg_advisory_xact_lock(…)`
 * in one message of the simple query protocol, one round trip instead of two. Each round trip
 * costs both processes a socket write and a wake-up, the larger part of a short write
 * transaction's CPU. Otherwise BEGIN goes first on its own, as before; a transaction that sent
 * nothing commits or rolls back nothing.
 */
export class LazyBeginPostgresDriver extends PostgresDriver {
  readonly #pending = new WeakSet<DatabaseConnection>();
  readonly #wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    let wrapped = this.#wrapped.get(connection);
    if (!wrapped) {
      wrapped = this.#wrap(connection);
      this.#wrapped.set(connection, wrapped);
    }
    return wrapped;
  }

  #wrap(connection: DatabaseConnection): DatabaseConnection {
    const pending = this.#pending;
    const executeQuery = async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
      if (pending.has(wrapper)) {
        pending.delete(wrapper);
        if (query.parameters.length === 0 && ADVISORY_LOCK_STATEMENT.test(query.sql))
          // Two statements in one message: pg answers with both results, none of them read.
          return connection.executeQuery<R>(CompiledQuery.raw(`begin; ${query.sql}`));
        await connection.executeQuery(CompiledQuery.raw('begin'));
      }
      return connection.executeQuery<R>(query);
    };
    // Only executeQuery needs the BEGIN: streams need a cursor the dialect is not given
    // (connect.ts), and without one the connection refuses every stream.
    // The driver's own connection stays the target: its private members and its release.
    const wrapper: DatabaseConnection = new Proxy(connection, {
      get(target, property) {
        if (property === 'executeQuery') return executeQuery;
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return wrapper;
  }

  override async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    if (settings.isolationLevel || settings.accessMode)
      return super.beginTransaction(connection, settings);
    this.#pending.add(connection);
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#pending.delete(connection)) return;
    return super.commitTransaction(connection);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#pending.delete(connection)) return;
    return super.rollbackTransaction(
      connection as Parameters<PostgresDriver['rollbackTransaction']>[0],
    );
  }
}
