package io.runplane.agent.backend.kubernetes;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/** The mock API server's answer to every TokenReview. */
public final class MockTokenReviews {

    private MockTokenReviews() {
    }

    /** Every token is accepted as this user, a member of the given groups. */
    public static void acceptAll(KubernetesMockServer server, String username, List<String> groups) {
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, request -> {
            TokenReview review = Serialization.unmarshal(request.getUtf8Body(), TokenReview.class);
            return new TokenReviewBuilder(review).withNewStatus().withAuthenticated(true).withNewUser()
                    .withUsername(username).withGroups(groups).endUser().endStatus().build();
        }).always();
    }
}
