package io.leakwatch.bench.blank;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The one endpoint of the blank app, so that the REST layer is not left out as unused. */
@Path("/hello")
public class Hello {

    @GET
    public String hello() {
        return "hello";
    }
}
