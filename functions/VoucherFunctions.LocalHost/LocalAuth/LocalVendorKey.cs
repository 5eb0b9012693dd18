using System.Security.Cryptography;

namespace VoucherFunctions.LocalHost.LocalAuth;

/// <summary>
/// The local host's key-encryption key for partner API keys, kept beside its Azurite data: the keys stored
/// there must still decrypt after a restart (a key generated per run would not). Local runs only; in Azure
/// the key comes from Key Vault.
/// </summary>
public static class LocalVendorKey
{
    public const string FileName = "vendor-api-key-encryption-key";

    public static string LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(directory);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, key);
        return key;
    }
}
