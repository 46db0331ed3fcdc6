package io.runplane.agent.assets;

import io.runplane.api.v1.AssetKind;
import io.runplane.api.v1.GitSource;
import io.runplane.api.v1.S3Source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/** Checks of the data sources that are fetched into the pods before the workload starts: S3 buckets and Git repositories. */
final class DataFetchValidation {

    /** S3 bucket naming rules: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s]+");
    private static final Pattern REVISION = Pattern.compile("[0-9a-f]{7,40}");
    private static final Pattern BRANCH = Pattern.compile("[^\\s~^:?*\\[\\\\]+");

    private DataFetchValidation() {
    }

    static void s3(S3Source s3, BiPredicate<AssetKind, String> resolvable, List<FieldViolation> problems) {
        if (s3.getBucket().isBlank()) {
            problems.add(new FieldViolation("data_source.s3.bucket", "is required"));
        } else if (!BUCKET.matcher(s3.getBucket()).matches() || s3.getBucket().contains("..")) {
            problems.add(new FieldViolation("data_source.s3.bucket",
                    "must be an S3 bucket name: 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit"));
        }
        if (s3.getPath().startsWith("/") || s3.getPath().chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldViolation("data_source.s3.path", "must be a key prefix such as datasets/imagenet/, without a leading '/'"));
        }
        if (!s3.getUrl().isEmpty() && !isUrl(s3.getUrl(), List.of("http", "https"))) {
            problems.add(new FieldViolation("data_source.s3.url", "must be an http:// or https:// URL with a host, or empty for AWS S3"));
        }
        AssetValidator.credentialRef("data_source.s3.credential", s3.getCredential(), resolvable, problems);
    }

    static void git(GitSource git, BiPredicate<AssetKind, String> resolvable, List<FieldViolation> problems) {
        String repository = git.getRepository();
        if (repository.isBlank()) {
            problems.add(new FieldViolation("data_source.git.repository", "is required"));
        } else if (!isUrl(repository, List.of("https", "http", "ssh", "git")) && !SCP_LIKE.matcher(repository).matches()) {
            problems.add(new FieldViolation("data_source.git.repository",
                    "must be a repository URL (https://, http://, ssh:// or git://) or user@host:path"));
        }
        if (!git.getBranch().isEmpty() && (!BRANCH.matcher(git.getBranch()).matches() || git.getBranch().startsWith("-")
                || git.getBranch().contains(".."))) {
            problems.add(new FieldViolation("data_source.git.branch", "must be a branch name (no spaces, no leading '-', none of ~^:?*[\\ or ..)"));
        }
        if (!git.getRevision().isEmpty() && !REVISION.matcher(git.getRevision()).matches()) {
            problems.add(new FieldViolation("data_source.git.revision", "must be a commit hash of 7 to 40 lower-case hex digits"));
        }
        AssetValidator.credentialRef("data_source.git.credential", git.getCredential(), resolvable, problems);
    }

    private static boolean isUrl(String text, List<String> schemes) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && schemes.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
