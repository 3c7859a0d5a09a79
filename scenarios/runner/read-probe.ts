/** Whether a read was made while one of the timeline's faults was on. */
export type ReadMoment = 'fault' | 'calm';

/**
 * The DBO's side of a scenario: reads an organisation's accounts from the sync service and tallies
 * the answers, apart for the moments a fault was on.
 */
export class ReadProbe {
  total = 0;
  ok = 0;
  errors5xx = 0;
  failedToConnect = 0;
  duringFaults = 0;
  okDuringFaults = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** One read; `during: 'fault'` counts it among the reads made while a fault was on. */
  read(organisationId: string, during: ReadMoment): void {
    const done = this.readOnce(organisationId, during === 'fault').finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private async readOnce(organisationId: string, faultOn: boolean): Promise<void> {
    this.total += 1;
    if (faultOn) this.duringFaults += 1;
    try {
      const response = await fetch(`${this.baseUrl}/api/v1/organisations/${organisationId}/accounts`, {
        signal: AbortSignal.timeout(5_000),
      });
      await response.arrayBuffer();
      if (response.status >= 500) this.errors5xx += 1;
      if (response.ok) {
        this.ok += 1;
        if (faultOn) this.okDuringFaults += 1;
      }
    } catch {
      this.failedToConnect += 1;
    }
  }
}
