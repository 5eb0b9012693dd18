using System.Reflection;
using System.Reflection.Emit;

namespace VoucherFunctions.Functions.Tests.Architecture;

/// <summary>
/// Every type a type uses: its base type and interfaces, its attributes, the signatures of its fields, properties,
/// events and methods, and what its method bodies touch (each metadata token in the IL: calls, constructions, field
/// accesses, casts, <c>typeof</c>). Compiler-generated nested types (lambdas, async state machines) are the type's own
/// code, so they are scanned with it. Generic arguments and element types are unwrapped. A <c>const</c> is inlined by the
/// compiler and leaves no trace: it is a value (an error code's text), not a dependency.
/// </summary>
public static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types <paramref name="type"/> and its nested types refer to, each with where (member) it was seen.</summary>
    public static IEnumerable<(Type Used, string Where)> Of(Type type)
    {
        foreach (var nested in type.GetNestedTypes(Declared))
        {
            foreach (var reference in Of(nested))
            {
                yield return reference;
            }
        }

        var name = type.FullName ?? type.Name;
        foreach (var used in Unwrap(type.BaseType).Concat(type.GetInterfaces().SelectMany(Unwrap)).Concat(AttributesOf(type.CustomAttributes)))
        {
            yield return (used, name);
        }

        foreach (var field in type.GetFields(Declared))
        {
            foreach (var used in Unwrap(field.FieldType).Concat(AttributesOf(field.CustomAttributes)))
            {
                yield return (used, $"{name}.{field.Name}");
            }
        }

        foreach (var property in type.GetProperties(Declared))
        {
            foreach (var used in Unwrap(property.PropertyType).Concat(AttributesOf(property.CustomAttributes)))
            {
                yield return (used, $"{name}.{property.Name}");
            }
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var where = $"{name}.{method.Name}";
            var signature = method.GetParameters().SelectMany(p => Unwrap(p.ParameterType).Concat(AttributesOf(p.CustomAttributes)))
                .Concat(method is MethodInfo info ? Unwrap(info.ReturnType) : [])
                .Concat(AttributesOf(method.CustomAttributes));
            foreach (var used in signature.Concat(BodyOf(method)))
            {
                yield return (used, where);
            }
        }
    }

    private static IEnumerable<Type> AttributesOf(IEnumerable<CustomAttributeData> attributes) =>
        attributes.SelectMany(a => Unwrap(a.AttributeType)
            .Concat(a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.TypedValue)).SelectMany(v => Unwrap(v.ArgumentType).Concat(v.Value is Type t ? Unwrap(t) : []))));

    /// <summary>The types the IL of <paramref name="method"/> names through metadata tokens.</summary>
    private static IEnumerable<Type> BodyOf(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
            at += code.Size;
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                foreach (var used in TypesOf(member))
                {
                    yield return used;
                }
            }

            at += OperandSize(code, il, at);
        }
    }

    private static IEnumerable<Type> TypesOf(MemberInfo? member) => member switch
    {
        Type type => Unwrap(type),
        FieldInfo field => Unwrap(field.DeclaringType).Concat(Unwrap(field.FieldType)),
        MethodInfo method => Unwrap(method.DeclaringType).Concat(Unwrap(method.ReturnType))
            .Concat(method.GetParameters().SelectMany(p => Unwrap(p.ParameterType)))
            .Concat(method.IsGenericMethod ? method.GetGenericArguments().SelectMany(Unwrap) : []),
        ConstructorInfo constructor => Unwrap(constructor.DeclaringType).Concat(constructor.GetParameters().SelectMany(p => Unwrap(p.ParameterType))),
        _ => [],
    };

    private static int OperandSize(OpCode code, byte[] il, int at) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };

    /// <summary>A type with its generic arguments and element type, as named types (generic parameters are skipped).</summary>
    private static IEnumerable<Type> Unwrap(Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var element in Unwrap(type.GetElementType()))
            {
                yield return element;
            }

            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            foreach (var used in Unwrap(argument))
            {
                yield return used;
            }
        }
    }
}
