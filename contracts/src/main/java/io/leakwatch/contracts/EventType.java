package io.leakwatch.contracts;

/** How one integration event class is named on the wire. */
public record EventType(Class<? extends IntegrationEvent> javaType, String type, int revision) {

    static EventType of(Class<? extends IntegrationEvent> javaType) {
        Revision revision = javaType.getAnnotation(Revision.class);
        if (revision == null) {
            throw new IllegalStateException(javaType.getName() + " has no @Revision");
        }
        String area =
                javaType.getPackageName().substring(javaType.getPackageName().lastIndexOf('.') + 1);
        return new EventType(javaType, "io.leakwatch." + area + "." + javaType.getSimpleName(), revision.value());
    }

    public String dataschema() {
        return "urn:leakwatch:schema:" + javaType.getSimpleName() + ":" + revision;
    }
}
