package io.runplane.agent.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * The simulated mode's local identities: users (with groups) and applications, each with the
 * SHA-256 of its bearer tokens. Tokens themselves are never stored.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IdentityFile(List<User> users, List<Application> applications) {

    @JsonCreator
    public IdentityFile(@JsonProperty("users") List<User> users,
                        @JsonProperty("applications") List<Application> applications) {
        this.users = users == null ? List.of() : List.copyOf(users);
        this.applications = applications == null ? List.of() : List.copyOf(applications);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record User(String name, List<String> groups, List<String> tokenSha256) {
        @JsonCreator
        public User(@JsonProperty(value = "name", required = true) String name,
                    @JsonProperty("groups") List<String> groups,
                    @JsonProperty("tokenSha256") List<String> tokenSha256) {
            this.name = Objects.requireNonNull(name, "name");
            this.groups = groups == null ? List.of() : List.copyOf(groups);
            this.tokenSha256 = tokenSha256 == null ? List.of() : List.copyOf(tokenSha256);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Application(String name, List<String> tokenSha256) {
        @JsonCreator
        public Application(@JsonProperty(value = "name", required = true) String name,
                           @JsonProperty("tokenSha256") List<String> tokenSha256) {
            this.name = Objects.requireNonNull(name, "name");
            this.tokenSha256 = tokenSha256 == null ? List.of() : List.copyOf(tokenSha256);
        }
    }
}
