/// <summary>
/// Just enough of the protobuf wire format to count nested messages in an OTLP request without its generated
/// classes: the occurrences of the field at the end of a path of field numbers, each step a length-delimited message.
/// </summary>
internal static class Protobuf
{
    public static long Count(ReadOnlySpan<byte> message, ReadOnlySpan<int> path)
    {
        long count = 0;
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if (field == path[0])
                        count += path.Length == 1 ? 1 : Count(message.Slice(at, length), path[1..]);
                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"protobuf wire type {tag & 7} at byte {at}: not an OTLP request");
            }
        }
        return count;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
    }
}
