// ReplicationClient (electric.md §3.7): sends one event at a time and acks it only after the SLC
// replied :ok; after an SLC crash it retries the same (un-acked) event.
import type { TxnId } from "../contract/vocabulary.ts";
import type { Cells } from "../contract/vocabulary.ts";

export class ReplicationClient {
  nextTxn: TxnId;
  unacked: TxnId;

  constructor(private readonly total: number, src?: ReplicationClient) {
    this.nextTxn = src?.nextTxn ?? 0;
    this.unacked = src?.unacked ?? -1;
  }

  clone(): ReplicationClient {
    return new ReplicationClient(this.total, this);
  }

  canSend(): boolean {
    return this.unacked === -1 && this.nextTxn < this.total;
  }

  send(): TxnId {
    const t = this.nextTxn;
    this.unacked = t;
    this.nextTxn = t + 1;
    return t;
  }

  acked(): void {
    this.unacked = -1;
  }

  stateKey(): string {
    return `${this.nextTxn},${this.unacked}`;
  }

  project(cells: Cells): void {
    cells.set("nextTxn", this.nextTxn);
    cells.set("unacked", this.unacked);
  }
}
