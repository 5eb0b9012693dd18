namespace VoucherFunctions.LocalHost;

/// <summary>
/// What the start banner says about the local host's own Azurite: it listens on free ports picked at start, so
/// without its connection string nobody could drop a bill or read an outcome. The account is the emulator's
/// well-known development account, so printing its key gives nothing away.
/// </summary>
internal static class StorageBanner
{
    public static string Describe(string dataDirectory, string connectionString) => string.Join(Environment.NewLine,
        $"  storage:     Azurite, data in {dataDirectory}",
        $"  connection:  {connectionString}",
        "  send a bill: az storage message put --queue-name bills --connection-string \"$STORAGE\" --content \"$(base64 -w0 bill.json)\"",
        "               (STORAGE is the connection string above; see README \"Sending a bill to the local host\")");
}
