using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace VoucherFunctions.LocalHost.Queues;

/// <summary>
/// Decodes a message received raw (no client-side encoding) the way host.json's <c>messageEncoding</c> says.
/// The listener receives raw so that a message it cannot decode is still a message it can move to poison
/// unchanged, where a base64 client would throw for the whole batch.
/// </summary>
internal static class QueueMessageDecoder
{
    public static bool TryDecode(QueueMessage raw, QueueMessageEncoding encoding, out QueueMessage decoded)
    {
        if (encoding == QueueMessageEncoding.None)
        {
            decoded = raw;
            return true;
        }
        var text = raw.Body.ToString();
        var bytes = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            decoded = raw;
            return false;
        }
        decoded = QueuesModelFactory.QueueMessage(
            raw.MessageId, raw.PopReceipt, new BinaryData(bytes.AsMemory(0, written)), raw.DequeueCount, raw.NextVisibleOn, raw.InsertedOn, raw.ExpiresOn);
        return true;
    }
}
