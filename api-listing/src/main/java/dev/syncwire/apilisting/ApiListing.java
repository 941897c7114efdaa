package dev.syncwire.apilisting;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.FieldInfo;
import io.github.classgraph.MethodInfo;
import io.github.classgraph.MethodParameterInfo;
import io.github.classgraph.MethodTypeSignature;
import io.github.classgraph.ScanResult;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The public API of one module's compiled classes as sorted text, one line per type and member:
 * public and protected types (and their public and protected members) outside {@code ...internal}
 * packages. Parameter names are left out: renaming one is not an API change.
 *
 * <pre>{@code
 * String listing = ApiListing.of(Path.of("receiver/target/classes")).text();
 * }</pre>
 */
public final class ApiListing {
  private final List<String> lines;

  private ApiListing(List<String> lines) {
    this.lines = lines;
  }

  /** Scans a classes folder (and nothing else on the class path). */
  public static ApiListing of(Path classesDirectory) {
    try (ScanResult scan = new ClassGraph()
        .overrideClasspath(classesDirectory.toString())
        .enableClassInfo().enableMethodInfo().enableFieldInfo()
        .ignoreClassVisibility().ignoreMethodVisibility().ignoreFieldVisibility()
        .scan()) {
      List<String> lines = new ArrayList<>();
      for (ClassInfo type : scan.getAllClasses()) {
        if (!exported(type)) {
          continue;
        }
        List<String> members = new ArrayList<>();
        boolean extendable = !type.isFinal() && !type.isEnum() && !type.isRecord();
        for (MethodInfo method : type.getDeclaredMethodAndConstructorInfo()) {
          if (visible(method.getModifiers(), extendable) && !method.isSynthetic() && !method.isBridge()) {
            members.add("  " + signature(method));
          }
        }
        for (FieldInfo field : type.getDeclaredFieldInfo()) {
          if (visible(field.getModifiers(), extendable) && !field.isSynthetic()) {
            members.add("  " + field.getModifiersStr() + " " + field.getTypeSignatureOrTypeDescriptor() + " " + field.getName());
          }
        }
        members.sort(null);
        lines.add(type.toString());
        lines.addAll(members);
      }
      return new ApiListing(lines);
    }
  }

  /** The listing, a line per type or member, types in name order, each type's members sorted under it. */
  public String text() {
    return String.join("\n", lines) + "\n";
  }

  private static boolean exported(ClassInfo type) {
    if (type.getPackageName().contains(".internal") || type.isAnonymousInnerClass() || type.isSynthetic()) {
      return false;
    }
    for (ClassInfo t = type; t != null; t = t.getOuterClasses().isEmpty() ? null : t.getOuterClasses().get(0)) {
      if (!t.isPublic() && !Modifier.isProtected(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers, boolean extendable) {
    return Modifier.isPublic(modifiers) || (extendable && Modifier.isProtected(modifiers));
  }

  private static String signature(MethodInfo method) {
    MethodTypeSignature type = method.getTypeSignatureOrTypeDescriptor();
    List<String> params = new ArrayList<>();
    for (MethodParameterInfo p : method.getParameterInfo()) {
      params.add(p.getTypeSignatureOrTypeDescriptor().toString());
    }
    if (method.isVarArgs()) {
      int last = params.size() - 1;
      params.set(last, params.get(last).replaceFirst("\\[]$", "..."));
    }
    StringBuilder sb = new StringBuilder(method.getModifiersStr()).append(' ');
    if (!type.getTypeParameters().isEmpty()) {
      sb.append(type.getTypeParameters().stream().map(Object::toString).collect(Collectors.joining(", ", "<", "> ")));
    }
    if (method.isConstructor()) {
      sb.append(method.getClassInfo().getName());
    } else {
      sb.append(type.getResultType()).append(' ').append(method.getName());
    }
    sb.append(String.join(", ", params).isEmpty() ? "()" : "(" + String.join(", ", params) + ")");
    if (!type.getThrowsSignatures().isEmpty()) {
      sb.append(type.getThrowsSignatures().stream().map(Object::toString).collect(Collectors.joining(", ", " throws ", "")));
    }
    return sb.toString();
  }
}
