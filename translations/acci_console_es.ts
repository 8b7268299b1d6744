<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>QObject</name>
    <message>
        <source>Starting the demo…</source>
        <translation>Iniciando la demo…</translation>
    </message>
    <message>
        <source>ACCI Event Console</source>
        <translation>Consola de eventos ACCI</translation>
    </message>
    <message>
        <source>DEMO DATABASE — private, deleted on exit</source>
        <translation>BASE DE DATOS DE DEMOSTRACIÓN — privada, se borra al salir</translation>
    </message>
    <message>
        <source>The demo could not start</source>
        <translation>No se pudo iniciar la demo</translation>
    </message>
</context>
<context>
    <name>acci::ui::AggregateListModel</name>
    <message>
        <source>Created %1</source>
        <translation>Creado %1</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Último cambio</translation>
    </message>
</context>
<context>
    <name>acci::ui::AggregateTypesModel</name>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n aggregate(s) of type %1</source>
        <translation>
            <numerusform>%n agregado de tipo %1</numerusform>
            <numerusform>%n agregados de tipo %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>acci::ui::BrowserPage</name>
    <message>
        <source>Aggregate types</source>
        <translation>Tipos de agregado</translation>
    </message>
    <message>
        <source>Search by id…</source>
        <translation>Buscar por id…</translation>
    </message>
    <message>
        <source>By id</source>
        <translation>Por id</translation>
    </message>
    <message>
        <source>Last changed first</source>
        <translation>Cambiados recientemente primero</translation>
    </message>
    <message>
        <source>Aggregates</source>
        <translation>Agregados</translation>
    </message>
    <message>
        <source>Choose an aggregate</source>
        <translation>Elija un agregado</translation>
    </message>
    <message>
        <source>v</source>
        <translation>v</translation>
    </message>
    <message>
        <source>Jump to a version (Enter)</source>
        <translation>Ir a una versión (Intro)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Save this stream as NDJSON or JSON</source>
        <translation>Guardar este flujo como NDJSON o JSON</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>Ir a</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Flujo de eventos</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; — %n event(s) loaded</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n evento cargado</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n eventos cargados</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — loading…</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — cargando…</translation>
    </message>
    <message>
        <source>Export stream</source>
        <translation>Exportar flujo</translation>
    </message>
    <message>
        <source>NDJSON, one event per line (*.ndjson);;JSON array (*.json)</source>
        <translation>NDJSON, un evento por línea (*.ndjson);;Arreglo JSON (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>Se exportó %n evento a %1</numerusform>
            <numerusform>Se exportaron %n eventos a %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Time travel</source>
        <translation>Viaje en el tiempo</translation>
    </message>
    <message>
        <source>Scrub through this aggregate&apos;s versions and see its state at each</source>
        <translation>Recorre las versiones de este agregado y ve su estado en cada una</translation>
    </message>
</context>
<context>
    <name>acci::ui::ConnectionDialog</name>
    <message>
        <source>Connect to an event store</source>
        <translation>Conectar con un almacén de eventos</translation>
    </message>
    <message>
        <source>host=db.example.com dbname=events user=ops   or   postgresql://…</source>
        <translation>host=db.ejemplo.com dbname=eventos user=ops   o   postgresql://…</translation>
    </message>
    <message>
        <source>Connection string:</source>
        <translation>Cadena de conexión:</translation>
    </message>
    <message>
        <source>Empty uses libpq&apos;s defaults (PGHOST, PGDATABASE… and ~/.pgpass).</source>
        <translation>Si está vacía se usan los valores por defecto de libpq (PGHOST, PGDATABASE… y ~/.pgpass).</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>Certificado raíz</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem);;All files (*)</source>
        <translation>Certificados (*.crt *.pem);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Puerto:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <source>SSL mode:</source>
        <translation>Modo SSL:</translation>
    </message>
    <message>
        <source>Root certificate:</source>
        <translation>Certificado raíz:</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>Cadena de conexión</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Campos</translation>
    </message>
    <message>
        <source>Only if ~/.pgpass has none; not saved</source>
        <translation>Solo si ~/.pgpass no la tiene; no se guarda</translation>
    </message>
    <message>
        <source>(new connection)</source>
        <translation>(nueva conexión)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Recent:</source>
        <translation>Recientes:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
</context>
<context>
    <name>acci::ui::CorrelationView</name>
    <message>
        <source>Flow %1</source>
        <translation>Flujo %1</translation>
    </message>
    <message>
        <source>Loading the events of correlation id %1…</source>
        <translation>Cargando los eventos del id de correlación %1…</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Event %1, caused by %2</source>
        <translation>Evento %1, causado por %2</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) in this flow</source>
        <translation>
            <numerusform>%n evento en este flujo</numerusform>
            <numerusform>%n eventos en este flujo</numerusform>
        </translation>
    </message>
    <message>
        <source> (the first %1 only)</source>
        <translation> (solo los primeros %1)</translation>
    </message>
</context>
<context>
    <name>acci::ui::DatabaseWorker</name>
    <message>
        <source>Not connected to the database.</source>
        <translation>No hay conexión con la base de datos.</translation>
    </message>
    <message>
        <source>The connection to the database was lost; reconnecting.</source>
        <translation>Se perdió la conexión con la base de datos; reconectando.</translation>
    </message>
</context>
<context>
    <name>acci::ui::DemoSession</name>
    <message>
        <source>Starting the demo PostgreSQL…</source>
        <translation>Iniciando el PostgreSQL de demostración…</translation>
    </message>
    <message>
        <source>Writing %1 demo events…</source>
        <translation>Escribiendo %1 eventos de demostración…</translation>
    </message>
    <message>
        <source>Writing demo events: %1 of %2</source>
        <translation>Escribiendo eventos de demostración: %1 de %2</translation>
    </message>
</context>
<context>
    <name>acci::ui::EventDetailView</name>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadatos</translation>
    </message>
    <message>
        <source>Raw JSON</source>
        <translation>JSON sin formato</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>Copiar JSON</translation>
    </message>
    <message>
        <source>Copy the whole event as JSON to the clipboard</source>
        <translation>Copiar el evento completo como JSON al portapapeles</translation>
    </message>
    <message>
        <source>Show flow</source>
        <translation>Ver flujo</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an event to see its data and metadata.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Seleccione un evento para ver sus datos y metadatos.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 v%3&lt;br&gt;%4 &amp;nbsp;·&amp;nbsp; position %5 &amp;nbsp;·&amp;nbsp; id %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 v%3&lt;br&gt;%4 &amp;nbsp;·&amp;nbsp; posición %5 &amp;nbsp;·&amp;nbsp; id %6</translation>
    </message>
    <message>
        <source>Show every event with this event&apos;s correlation id, as a tree of causes</source>
        <translation>Mostrar todos los eventos con el id de correlación de este evento, como un árbol de causas</translation>
    </message>
    <message>
        <source>Time travel</source>
        <translation>Viaje en el tiempo</translation>
    </message>
    <message>
        <source>Open this event&apos;s aggregate in time travel, at this version (Ctrl+Shift+T)</source>
        <translation>Abre el agregado de este evento en el viaje en el tiempo, en esta versión (Ctrl+Mayús+T)</translation>
    </message>
</context>
<context>
    <name>acci::ui::GlobalLogModel</name>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Aggregate type</source>
        <translation>Tipo de agregado</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Inquilino</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>Correlación</translation>
    </message>
</context>
<context>
    <name>acci::ui::JsonTreeModel</name>
    <message numerus="yes">
        <source>{%n field(s)}</source>
        <translation>
            <numerusform>{%n campo}</numerusform>
            <numerusform>{%n campos}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n elemento]</numerusform>
            <numerusform>[%n elementos]</numerusform>
        </translation>
    </message>
    <message>
        <source>object</source>
        <translation>objeto</translation>
    </message>
    <message>
        <source>array</source>
        <translation>arreglo</translation>
    </message>
    <message>
        <source>string</source>
        <translation>cadena</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>booleano</translation>
    </message>
    <message>
        <source>null</source>
        <translation>nulo</translation>
    </message>
    <message>
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
</context>
<context>
    <name>acci::ui::LogPage</name>
    <message>
        <source>Event types, comma-separated</source>
        <translation>Tipos de evento, separados por comas</translation>
    </message>
    <message>
        <source>Aggregate type</source>
        <translation>Tipo de agregado</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Inquilino</translation>
    </message>
    <message>
        <source>Correlation id</source>
        <translation>Id de correlación</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Data contains JSON, e.g. {&quot;sku&quot;:&quot;SKU-DOCK&quot;}</source>
        <translation>Los datos contienen el JSON, p. ej. {&quot;sku&quot;:&quot;SKU-DOCK&quot;}</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpiar</translation>
    </message>
    <message>
        <source>Follow new events as they are committed (Ctrl+T)</source>
        <translation>Seguir los eventos nuevos a medida que se confirman (Ctrl+T)</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 eventos</translation>
    </message>
    <message numerus="yes">
        <source>%n new event(s)</source>
        <translation>
            <numerusform>%n evento nuevo</numerusform>
            <numerusform>%n eventos nuevos</numerusform>
        </translation>
    </message>
    <message>
        <source>The data filter is not valid JSON; write it like {&quot;sku&quot;: &quot;SKU-DOCK&quot;}.</source>
        <translation>El filtro de datos no es JSON válido; escríbalo como {&quot;sku&quot;: &quot;SKU-DOCK&quot;}.</translation>
    </message>
    <message>
        <source>● Following new events</source>
        <translation>● Siguiendo eventos nuevos</translation>
    </message>
    <message>
        <source>Paused — click to follow</source>
        <translation>En pausa — pulse para seguir</translation>
    </message>
</context>
<context>
    <name>acci::ui::MainWindow</name>
    <message>
        <source>ACCI Event Console</source>
        <translation>Consola de eventos ACCI</translation>
    </message>
    <message>
        <source>Aggregates</source>
        <translation>Agregados</translation>
    </message>
    <message>
        <source>Global log</source>
        <translation>Registro global</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recargar</translation>
    </message>
    <message>
        <source>Reload the current views (F5)</source>
        <translation>Recargar las vistas actuales (F5)</translation>
    </message>
    <message>
        <source> Tenant: </source>
        <translation> Inquilino: </translation>
    </message>
    <message>
        <source>All tenants</source>
        <translation>Todos los inquilinos</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>● live</source>
        <translation>● en vivo</translation>
    </message>
    <message>
        <source>○ not listening</source>
        <translation>○ sin escuchar</translation>
    </message>
    <message>
        <source>The database server went away: %1 Reconnecting…</source>
        <translation>El servidor de base de datos dejó de responder: %1 Reconectando…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Could not connect. %1</source>
        <translation>No se pudo conectar. %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>solo lectura</translation>
    </message>
    <message>
        <source>This role cannot append events: the console only browses.</source>
        <translation>Este rol no puede añadir eventos: la consola solo permite consultar.</translation>
    </message>
    <message>
        <source>Your role (%1) cannot change this database&apos;s schema: ask its owner to run &apos;acci-admin migrate&apos;, or connect as the owner.</source>
        <translation>Su rol (%1) no puede cambiar el esquema de esta base de datos: pida a su propietario que ejecute &apos;acci-admin migrate&apos;, o conéctese como propietario.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>The server asks for a password:</source>
        <translation>El servidor pide una contraseña:</translation>
    </message>
    <message>
        <source>Time travel</source>
        <translation>Viaje en el tiempo</translation>
    </message>
    <message>
        <source>the demo&apos;s rules</source>
        <translation>las reglas de la demo</translation>
    </message>
</context>
<context>
    <name>acci::ui::SchemaPage</name>
    <message>
        <source>Migrate the database…</source>
        <translation>Migrar la base de datos…</translation>
    </message>
    <message>
        <source>&lt;h2&gt;This database needs the ACCI schema&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Esta base de datos necesita el esquema ACCI&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Migrating creates the event store&apos;s tables, or upgrades them in place. Every existing event is kept. Services that write events keep working.</source>
        <translation>La migración crea las tablas del almacén de eventos o las actualiza en su sitio. Se conservan todos los eventos existentes. Los servicios que escriben eventos siguen funcionando.</translation>
    </message>
    <message>
        <source>Migrate the database</source>
        <translation>Migrar la base de datos</translation>
    </message>
    <message>
        <source>Apply the ACCI migrations to this database now?</source>
        <translation>¿Aplicar ahora las migraciones ACCI a esta base de datos?</translation>
    </message>
    <message numerus="yes">
        <source>Applied %n migration(s).</source>
        <translation>
            <numerusform>Se aplicó %n migración.</numerusform>
            <numerusform>Se aplicaron %n migraciones.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>acci::ui::StreamModel</name>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>Correlación</translation>
    </message>
</context>
<context>
    <name>acci::ui::TimeTravelPage</name>
    <message>
        <source>+ %1 = %2</source>
        <translation>+ %1 = %2</translation>
    </message>
    <message>
        <source>− %1 (was %2)</source>
        <translation>− %1 (era %2)</translation>
    </message>
    <message>
        <source>~ %1: %2 → %3</source>
        <translation>~ %1: %2 → %3</translation>
    </message>
    <message>
        <source>Events (untick to leave one out)</source>
        <translation>Eventos (desmarca uno para dejarlo fuera)</translation>
    </message>
    <message>
        <source>Aggregate id</source>
        <translation>Id del agregado</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>&lt;i&gt;Open an aggregate here, or choose “Time travel” on any event.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Abre aquí un agregado, o elige «Viaje en el tiempo» en cualquier evento.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Reducer rules…</source>
        <translation>Reglas de reducción…</translation>
    </message>
    <message>
        <source>Load a JSON file of reducer rules (set, merge, unset, increment, append, remove per event type) to fold aggregates that are not merged by default</source>
        <translation>Carga un archivo JSON de reglas de reducción (set, merge, unset, increment, append, remove por tipo de evento) para plegar agregados que no se fusionan por defecto</translation>
    </message>
    <message>
        <source>Show in stream</source>
        <translation>Ver en el flujo</translation>
    </message>
    <message>
        <source>Open this version&apos;s event in the aggregate browser</source>
        <translation>Abre el evento de esta versión en el explorador de agregados</translation>
    </message>
    <message>
        <source>First version (Home)</source>
        <translation>Primera versión (Inicio)</translation>
    </message>
    <message>
        <source>Step back (←)</source>
        <translation>Paso atrás (←)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Reproducir / pausar (Espacio)</translation>
    </message>
    <message>
        <source>Step forward (→)</source>
        <translation>Paso adelante (→)</translation>
    </message>
    <message>
        <source>Newest version (End)</source>
        <translation>Versión más reciente (Fin)</translation>
    </message>
    <message>
        <source>%1 events/s</source>
        <translation>%1 eventos/s</translation>
    </message>
    <message>
        <source>Play speed</source>
        <translation>Velocidad de reproducción</translation>
    </message>
    <message>
        <source>version </source>
        <translation>versión </translation>
    </message>
    <message>
        <source>Show the state as it was at this date and time</source>
        <translation>Muestra el estado tal como era en esta fecha y hora</translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation>Ir a la fecha</translation>
    </message>
    <message>
        <source>Next warning</source>
        <translation>Siguiente aviso</translation>
    </message>
    <message>
        <source>Go to the next version whose fold reported a warning</source>
        <translation>Ve a la siguiente versión cuyo plegado dio un aviso</translation>
    </message>
    <message>
        <source>Show difference</source>
        <translation>Ver diferencia</translation>
    </message>
    <message>
        <source>Stored snapshot at version %1 compared with the fold (fold → snapshot):

%2</source>
        <translation>Snapshot guardado en la versión %1 comparado con el plegado (plegado → snapshot):

%2</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>A fecha de</translation>
    </message>
    <message>
        <source>Drag through the versions; ←/→ step, Home/End jump, PgUp/PgDn move by 10</source>
        <translation>Arrastra por las versiones; ←/→ avanzan de una en una, Inicio/Fin saltan, RePág/AvPág mueven de 10 en 10</translation>
    </message>
    <message>
        <source>Include all events</source>
        <translation>Incluir todos los eventos</translation>
    </message>
    <message>
        <source>Select a field to see which event set it.</source>
        <translation>Selecciona un campo para ver qué evento lo fijó.</translation>
    </message>
    <message>
        <source>Go to that event</source>
        <translation>Ir a ese evento</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Choose two versions and Compare: what changed from the first to the second, then the same as a JSON Patch (RFC 6902).</source>
        <translation>Elige dos versiones y pulsa Comparar: qué cambió de la primera a la segunda y, después, lo mismo como JSON Patch (RFC 6902).</translation>
    </message>
    <message>
        <source>From version</source>
        <translation>De la versión</translation>
    </message>
    <message>
        <source>to version</source>
        <translation>a la versión</translation>
    </message>
    <message>
        <source>Compare versions</source>
        <translation>Comparar versiones</translation>
    </message>
    <message>
        <source>Untick events in the list to see how the state would differ without them. Nothing is written to the store.</source>
        <translation>Desmarca eventos en la lista para ver cómo sería el estado sin ellos. No se escribe nada en el almacén.</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>¿Y si…?</translation>
    </message>
    <message>
        <source>What this event changed:</source>
        <translation>Qué cambió este evento:</translation>
    </message>
    <message>
        <source>The event at this version</source>
        <translation>El evento de esta versión</translation>
    </message>
    <message>
        <source>Rules in use: %1</source>
        <translation>Reglas en uso: %1</translation>
    </message>
    <message>
        <source>Reducer rules</source>
        <translation>Reglas de reducción</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Archivos JSON (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Reducer rules loaded from %1.</source>
        <translation>Reglas de reducción cargadas de %1.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Cargando %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; could not be opened.</source>
        <translation>No se pudo abrir &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;%2 &amp;nbsp;·&amp;nbsp; %n event(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;%2 &amp;nbsp;·&amp;nbsp; %n evento</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;%2 &amp;nbsp;·&amp;nbsp; %n eventos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> &amp;nbsp;·&amp;nbsp; &lt;span style=&apos;color:#e08c00&apos;&gt;%n warning(s)&lt;/span&gt;</source>
        <translation>
            <numerusform> &amp;nbsp;·&amp;nbsp; &lt;span style=&apos;color:#e08c00&apos;&gt;%n aviso&lt;/span&gt;</numerusform>
            <numerusform> &amp;nbsp;·&amp;nbsp; &lt;span style=&apos;color:#e08c00&apos;&gt;%n avisos&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>No stored snapshot</source>
        <translation>Sin snapshot guardado</translation>
    </message>
    <message>
        <source>Snapshot at version %1 matches the fold</source>
        <translation>El snapshot de la versión %1 coincide con el plegado</translation>
    </message>
    <message numerus="yes">
        <source>Snapshot at version %1 differs from the fold in %n field(s)</source>
        <translation>
            <numerusform>El snapshot de la versión %1 difiere del plegado en %n campo</numerusform>
            <numerusform>El snapshot de la versión %1 difiere del plegado en %n campos</numerusform>
        </translation>
    </message>
    <message>
        <source>Snapshot at version %1 is beyond the stream</source>
        <translation>El snapshot de la versión %1 está más allá del flujo</translation>
    </message>
    <message>
        <source>No warnings after version %1.</source>
        <translation>No hay avisos después de la versión %1.</translation>
    </message>
    <message>
        <source>%1 did not exist yet at %2.</source>
        <translation>%1 aún no existía el %2.</translation>
    </message>
    <message>
        <source>At %1 the aggregate was at version %2.</source>
        <translation>El %1 el agregado estaba en la versión %2.</translation>
    </message>
    <message>
        <source>(before the first event)</source>
        <translation>(antes del primer evento)</translation>
    </message>
    <message>
        <source>(nothing in the state changed)</source>
        <translation>(no cambió nada del estado)</translation>
    </message>
    <message>
        <source>Version &lt;b&gt;%1&lt;/b&gt; of %2: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>Versión &lt;b&gt;%1&lt;/b&gt; de %2: &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Before the first event: the empty state.</source>
        <translation>Antes del primer evento: el estado vacío.</translation>
    </message>
    <message numerus="yes">
        <source>What-if: %n event(s) left out. The state below is recomputed without them; nothing is written.</source>
        <translation>
            <numerusform>¿Y si…?: %n evento fuera. El estado de abajo se recalcula sin él; no se escribe nada.</numerusform>
            <numerusform>¿Y si…?: %n eventos fuera. El estado de abajo se recalcula sin ellos; no se escribe nada.</numerusform>
        </translation>
    </message>
    <message>
        <source>At version %1 the state is the same without the events left out.</source>
        <translation>En la versión %1 el estado es el mismo sin los eventos dejados fuera.</translation>
    </message>
    <message>
        <source>At version %1, real state → state without the events left out:

%2</source>
        <translation>En la versión %1, estado real → estado sin los eventos dejados fuera:

%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; comes from the snapshot at version %2.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; viene del snapshot de la versión %2.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: no event set it.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: ningún evento lo fijó.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; was set by version %2, &lt;b&gt;%3&lt;/b&gt;, at %4%5.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; lo fijó la versión %2, &lt;b&gt;%3&lt;/b&gt;, el %4%5.</translation>
    </message>
    <message>
        <source> by %1</source>
        <translation> por %1</translation>
    </message>
    <message>
        <source>Versions %1 and %2 have the same state.</source>
        <translation>Las versiones %1 y %2 tienen el mismo estado.</translation>
    </message>
    <message>
        <source>From version %1 to version %2:

%3

JSON Patch (RFC 6902):
%4</source>
        <translation>De la versión %1 a la versión %2:

%3

JSON Patch (RFC 6902):
%4</translation>
    </message>
</context>
<context>
    <name>acci::ui::TimelineModel</name>
    <message>
        <source>Untick to see the state as if this event had not happened (nothing is written).</source>
        <translation>Desmarca para ver el estado como si este evento no hubiera ocurrido (no se escribe nada).</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
</context>
<context>
    <name>acci::ui::TimelineStrip</name>
    <message>
        <source>Orange: events with warnings · grey: events left out · diamond: the stored snapshot. Click to go there.</source>
        <translation>Naranja: eventos con avisos · gris: eventos dejados fuera · rombo: el snapshot guardado. Haz clic para ir allí.</translation>
    </message>
</context>
</TS>
