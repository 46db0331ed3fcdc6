package io.runplane.agent.policy;

import io.runplane.manifest.ManifestException;
import io.runplane.manifest.PolicyManifests;
import io.runplane.manifest.WorkloadManifest;
import io.runplane.manifest.WorkloadManifests;
import io.runplane.policy.Admission;
import io.runplane.policy.EffectiveField;
import io.runplane.policy.EffectivePolicy;
import io.runplane.policy.FieldRule;
import io.runplane.policy.OrgPath;
import io.runplane.policy.PolicyConflict;
import io.runplane.policy.PolicyEngine;
import io.runplane.policy.PolicyValue;
import io.runplane.policy.Resolution;
import io.runplane.policy.Violation;
import io.runplane.policy.WorkloadKind;
import io.runplane.policy.WorkloadPolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code policy check}: checks policy files (and optionally a workload) without a cluster, for
 * policy-as-code pipelines.
 *
 * <pre>
 * policy check POLICY.yaml... [--workload W.yaml] [--project P] [--department D]
 * </pre>
 *
 * <p>Without {@code --workload} it prints the effective policy of every workload type the files
 * define, for the given project (or department, or the cluster). With {@code --workload} it applies
 * the effective policy of the workload's type and project to the workload and prints its
 * violations. Exit codes: 0 ok, 1 violations or conflicting policies, 2 an unreadable file or bad
 * usage (one line on the error stream naming the file and the line or field).
 */
public final class PolicyCheckCommand {

    static final String USAGE =
            "usage: policy check POLICY.yaml... [--workload W.yaml] [--project P] [--department D]";

    private PolicyCheckCommand() {
    }

    /**
     * Runs the command. {@code args} are the words after {@code policy check} (a leading
     * {@code policy check} or {@code check} is tolerated).
     *
     * @return 0 when everything is valid, 1 for violations or conflicts, 2 for bad files or usage
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(strip(args));
        } catch (IllegalArgumentException e) {
            err.println("policy check: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        try {
            List<WorkloadPolicy> policies = new ArrayList<>();
            for (Path file : options.policyFiles()) {
                policies.addAll(PolicyManifests.readFile(file));
            }
            if (options.workload().isPresent()) {
                return checkWorkload(policies, WorkloadManifests.readFile(options.workload().get()), options, out);
            }
            return printEffective(policies, options, out);
        } catch (ManifestException e) {
            err.println("policy check: " + e.problem().oneLine());
            return 2;
        }
    }

    private static int checkWorkload(List<WorkloadPolicy> policies, WorkloadManifest workload, Options options,
            PrintStream out) {
        String project = options.project().orElse(workload.project());
        OrgPath branch = OrgPath.project(project, options.department());
        Resolution resolution = PolicyEngine.resolve(policies, workload.kind(), branch);
        String subject = "workload " + workload.name() + " (" + workload.kind().workloadKind() + ", project " + project + ")";
        if (resolution instanceof Resolution.Conflicted conflicted) {
            printConflicts(out, workload.kind(), conflicted.conflicts());
            return 1;
        }
        EffectivePolicy effective = resolution.policy().orElseThrow();
        Admission admission = effective.admit(workload.spec());
        if (admission.accepted()) {
            out.println(subject + ": ok");
            return 0;
        }
        out.println(subject + ": " + admission.violations().size()
                + (admission.violations().size() == 1 ? " violation" : " violations"));
        for (Violation v : admission.violations()) {
            out.println("  " + v);
        }
        return 1;
    }

    private static int printEffective(List<WorkloadPolicy> policies, Options options, PrintStream out) {
        OrgPath branch = options.project().map(p -> OrgPath.project(p, options.department()))
                .orElseGet(() -> options.department().map(OrgPath::department).orElseGet(OrgPath::cluster));
        Set<WorkloadKind> kinds = EnumSet.noneOf(WorkloadKind.class);
        policies.forEach(p -> kinds.add(p.kind()));
        int status = 0;
        boolean first = true;
        for (WorkloadKind kind : kinds) {
            if (!first) {
                out.println();
            }
            first = false;
            Resolution resolution = PolicyEngine.resolve(policies, kind, branch);
            switch (resolution) {
                case Resolution.Conflicted c -> {
                    printConflicts(out, kind, c.conflicts());
                    status = 1;
                }
                case Resolution.Resolved r -> {
                    printTable(out, r.effective());
                    List<Violation> broken = r.effective().defaultViolations();
                    if (!broken.isEmpty()) {
                        out.println(broken.size() + (broken.size() == 1 ? " default breaks" : " defaults break")
                                + " the policy's own rules:");
                        broken.forEach(v -> out.println("  " + v));
                        status = 1;
                    }
                }
            }
        }
        return status;
    }

    private static void printConflicts(PrintStream out, WorkloadKind kind, List<PolicyConflict> conflicts) {
        out.println(kind.policyKind() + ": " + conflicts.size()
                + (conflicts.size() == 1 ? " conflict" : " conflicts"));
        for (PolicyConflict c : conflicts) {
            out.println("  " + c);
        }
    }

    private static void printTable(PrintStream out, EffectivePolicy effective) {
        out.println("Effective " + effective.kind().policyKind() + " for " + describe(effective.branch()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Parameter", "Type", "Default", "Rule", "Source"});
        for (EffectiveField f : effective.fields()) {
            rows.add(new String[] {f.path(), f.field().type().displayName(),
                    f.defaultValue().map(PolicyValue::display).orElse("-"),
                    f.rule().map(FieldRule::display).filter(s -> !s.isEmpty()).orElse("-"), f.sourceDisplay()});
        }
        if (rows.size() == 1) {
            out.println("  (no defaults or rules)");
        } else {
            printRows(out, rows);
        }
        if (!effective.imposedAssets().isEmpty()) {
            out.println("Imposed assets: " + String.join(", ", effective.imposedAssets()));
        }
    }

    private static void printRows(PrintStream out, List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String describe(OrgPath branch) {
        StringBuilder b = new StringBuilder(branch.target().display());
        if (branch.project().isPresent() && branch.department().isPresent()) {
            b.append(" (department ").append(branch.department().get()).append(')');
        }
        return b.toString();
    }

    private static List<String> strip(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        if (rest.size() >= 2 && rest.get(0).equals("policy") && rest.get(1).equals("check")) {
            return rest.subList(2, rest.size());
        }
        if (!rest.isEmpty() && rest.getFirst().equals("check")) {
            return rest.subList(1, rest.size());
        }
        return rest;
    }

    /** The parsed command line. */
    private record Options(List<Path> policyFiles, Optional<Path> workload, Optional<String> project,
            Optional<String> department, boolean help) {

        static Options parse(List<String> args) {
            List<Path> files = new ArrayList<>();
            Optional<Path> workload = Optional.empty();
            Optional<String> project = Optional.empty();
            Optional<String> department = Optional.empty();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "-h", "--help" -> {
                        return new Options(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), true);
                    }
                    case "--workload" -> workload = Optional.of(Path.of(value(args, ++i, arg)));
                    case "--project" -> project = Optional.of(value(args, ++i, arg));
                    case "--department" -> department = Optional.of(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        files.add(Path.of(arg));
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no policy file given");
            }
            return new Options(List.copyOf(files), workload, project, department, false);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size() || args.get(index).isBlank() || args.get(index).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }
    }
}
