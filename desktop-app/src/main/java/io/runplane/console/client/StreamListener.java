package io.runplane.console.client;

/** Receives the messages of a server stream, on a transport thread. */
public interface StreamListener<T> {

    void onNext(T message);

    void onError(ServiceException error);

    void onCompleted();
}
