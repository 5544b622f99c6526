// After usage has been written, the teams whose balance just fell are checked against their
// thresholds (low-balance alert, auto-recharge). Runs off the gateway's hot path, once per batch.
export async function watchBalances(teamIds: string[]): Promise<void> {
  void teamIds; // thresholds land with the low-balance alerts and auto-recharge
}
