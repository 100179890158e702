package dev.switchboard.realtime.routing;

/** An open stream as the router sees it. {@link #deliver} is called from the Kafka consumer thread. */
public interface Subscriber {

    Subscription subscription();

    void deliver(StreamEvent event);
}
