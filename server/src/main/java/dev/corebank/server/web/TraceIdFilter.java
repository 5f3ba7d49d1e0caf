package dev.corebank.server.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/** Gives every request its trace id before any other corebank filter can answer it with a problem. */
@Component
@Order(FilterOrders.TRACE_ID)
class TraceIdFilter extends OncePerRequestFilter {
    /** Resolved at the first request, not at each: a bean lookup per request was 5% of a GET's CPU. */
    private final SingletonSupplier<Tracer> tracer;

    TraceIdFilter(ObjectProvider<Tracer> tracer) {
        this.tracer = SingletonSupplier.of(tracer::getIfAvailable);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Spring's HTTP observation runs before this filter, so the current span is the request's.
        Tracer current = tracer.get();
        Span span = current == null ? null : current.currentSpan();
        TraceIds.assign(request, span == null ? null : span.context().traceId());
        chain.doFilter(request, response);
    }
}
