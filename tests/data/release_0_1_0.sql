--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: reddit_harbor; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA reddit_harbor;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: _dlt_loads; Type: TABLE; Schema: reddit_harbor; Owner: -
--

CREATE TABLE reddit_harbor._dlt_loads (
    load_id character varying(64) NOT NULL,
    schema_name character varying,
    status bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    schema_version_hash character varying
);


--
-- Name: _dlt_pipeline_state; Type: TABLE; Schema: reddit_harbor; Owner: -
--

CREATE TABLE reddit_harbor._dlt_pipeline_state (
    version bigint NOT NULL,
    engine_version bigint NOT NULL,
    pipeline_name character varying NOT NULL,
    state character varying NOT NULL,
    created_at timestamp with time zone NOT NULL,
    version_hash character varying,
    _dlt_load_id character varying(64) NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: _dlt_version; Type: TABLE; Schema: reddit_harbor; Owner: -
--

CREATE TABLE reddit_harbor._dlt_version (
    version bigint NOT NULL,
    engine_version bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    schema_name character varying NOT NULL,
    version_hash character varying NOT NULL,
    schema character varying NOT NULL
);


--
-- Name: collection_runs; Type: TABLE; Schema: reddit_harbor; Owner: -
--

CREATE TABLE reddit_harbor.collection_runs (
    run_id uuid NOT NULL,
    subreddit character varying NOT NULL,
    via character varying NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    status character varying NOT NULL,
    api_calls integer DEFAULT 0 NOT NULL,
    fetched integer DEFAULT 0 NOT NULL,
    kept integer DEFAULT 0 NOT NULL,
    new integer DEFAULT 0 NOT NULL,
    changed integer DEFAULT 0 NOT NULL,
    malformed integer DEFAULT 0 NOT NULL,
    error text,
    host character varying,
    CONSTRAINT collection_runs_status_check CHECK (((status)::text = ANY ((ARRAY['running'::character varying, 'ok'::character varying, 'failed'::character varying, 'skipped'::character varying])::text[]))),
    CONSTRAINT collection_runs_via_check CHECK (((via)::text = ANY ((ARRAY['dlt'::character varying, 'legacy'::character varying])::text[])))
);


--
-- Name: cutover_events; Type: TABLE; Schema: reddit_harbor; Owner: -
--

CREATE TABLE reddit_harbor.cutover_events (
    event_id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    actor character varying NOT NULL,
    action character varying NOT NULL,
    subreddit character varying,
    old_value character varying,
    new_value character varying,
    reason text
);


--
-- Name: cutover_events_event_id_seq; Type: SEQUENCE; Schema: reddit_harbor; Owner: -
--

CREATE SEQUENCE reddit_harbor.cutover_events_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: cutover_events_event_id_seq; Type: SEQUENCE OWNED BY; Schema: reddit_harbor; Owner: -
--

ALTER SEQUENCE reddit_harbor.cutover_events_event_id_seq OWNED BY reddit_harbor.cutover_events.event_id;


--
-- Name: opportunity_scores; Type: TABLE; Schema: reddit_harbor; Owner: -
--

CREATE TABLE reddit_harbor.opportunity_scores (
    post_id character varying NOT NULL,
    market_demand smallint,
    pain_intensity smallint,
    monetization_potential smallint,
    market_gap smallint,
    technical_feasibility smallint,
    total double precision,
    category character varying,
    summary text,
    rationale text,
    scorer character varying NOT NULL,
    model character varying,
    prompt_version character varying,
    content_hash character varying NOT NULL,
    input_tokens integer DEFAULT 0 NOT NULL,
    output_tokens integer DEFAULT 0 NOT NULL,
    status character varying NOT NULL,
    error text,
    attempts integer DEFAULT 1 NOT NULL,
    scored_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT opportunity_scores_category_check CHECK (((category)::text = ANY ((ARRAY['pain'::character varying, 'solution_request'::character varying, 'advice'::character varying, 'money_talk'::character varying, 'other'::character varying])::text[]))),
    CONSTRAINT opportunity_scores_market_demand_check CHECK (((market_demand >= 0) AND (market_demand <= 10))),
    CONSTRAINT opportunity_scores_market_gap_check CHECK (((market_gap >= 0) AND (market_gap <= 10))),
    CONSTRAINT opportunity_scores_monetization_potential_check CHECK (((monetization_potential >= 0) AND (monetization_potential <= 10))),
    CONSTRAINT opportunity_scores_pain_intensity_check CHECK (((pain_intensity >= 0) AND (pain_intensity <= 10))),
    CONSTRAINT opportunity_scores_status_check CHECK (((status)::text = ANY ((ARRAY['scored'::character varying, 'failed'::character varying, 'deferred'::character varying])::text[]))),
    CONSTRAINT opportunity_scores_technical_feasibility_check CHECK (((technical_feasibility >= 0) AND (technical_feasibility <= 10))),
    CONSTRAINT opportunity_scores_total_check CHECK (((total >= (0)::double precision) AND (total <= (100)::double precision)))
);


--
-- Name: submissions; Type: TABLE; Schema: reddit_harbor; Owner: -
--

CREATE TABLE reddit_harbor.submissions (
    id character varying NOT NULL,
    all_awardings jsonb,
    allow_live_comments boolean,
    approved boolean,
    approved_at_utc double precision,
    approved_by character varying,
    archived boolean,
    author character varying,
    author_cakeday boolean,
    author_flair_background_color character varying,
    author_flair_css_class character varying,
    author_flair_richtext jsonb,
    author_flair_template_id character varying,
    author_flair_text character varying,
    author_flair_text_color character varying,
    author_flair_type character varying,
    author_fullname character varying,
    author_is_blocked boolean,
    author_patreon_flair boolean,
    author_premium boolean,
    awarders jsonb,
    banned_at_utc double precision,
    banned_by character varying,
    brand_safe boolean,
    can_gild boolean,
    can_mod_post boolean,
    category character varying,
    clicked boolean,
    collected_via character varying,
    content_categories jsonb,
    contest_mode boolean,
    created double precision,
    created_utc timestamp with time zone,
    crosspost_parent character varying,
    crosspost_parent_list jsonb,
    discussion_type character varying,
    distinguished character varying,
    domain character varying,
    downs bigint,
    edited double precision,
    first_seen_at timestamp with time zone,
    "from" character varying,
    from_id character varying,
    from_kind character varying,
    gallery_data jsonb,
    gilded bigint,
    gildings jsonb,
    hidden boolean,
    hide_score boolean,
    ignore_reports boolean,
    is_created_from_ads_ui boolean,
    is_crosspostable boolean,
    is_gallery boolean,
    is_meta boolean,
    is_original_content boolean,
    is_reddit_media_domain boolean,
    is_robot_indexable boolean,
    is_self boolean,
    is_video boolean,
    last_seen_at timestamp with time zone,
    likes boolean,
    link_flair_background_color character varying,
    link_flair_css_class character varying,
    link_flair_richtext jsonb,
    link_flair_template_id character varying,
    link_flair_text character varying,
    link_flair_text_color character varying,
    link_flair_type character varying,
    locked boolean,
    matched_keywords jsonb,
    media jsonb,
    media_embed jsonb,
    media_metadata jsonb,
    media_only boolean,
    mod_note character varying,
    mod_reason_by character varying,
    mod_reason_title character varying,
    mod_reports jsonb,
    name character varying,
    no_follow boolean,
    num_comments bigint,
    num_crossposts bigint,
    num_duplicates bigint,
    num_reports bigint,
    over_18 boolean,
    parent_whitelist_status character varying,
    permalink character varying,
    pinned boolean,
    poll_data jsonb,
    post_hint character varying,
    preview jsonb,
    previous_visits jsonb,
    pwls bigint,
    quarantine boolean,
    removal_reason character varying,
    removed boolean,
    removed_by character varying,
    removed_by_category character varying,
    report_reasons jsonb,
    rte_mode character varying,
    saved boolean,
    score bigint,
    secure_media jsonb,
    secure_media_embed jsonb,
    selftext character varying,
    selftext_html character varying,
    send_replies boolean,
    spam boolean,
    spoiler boolean,
    steward_reports jsonb,
    stickied boolean,
    subreddit character varying,
    subreddit_id character varying,
    subreddit_name_prefixed character varying,
    subreddit_subscribers bigint,
    subreddit_type character varying,
    suggested_sort character varying,
    thumbnail character varying,
    thumbnail_height bigint,
    thumbnail_width bigint,
    title character varying,
    top_awarded_type character varying,
    total_awards_received bigint,
    treatment_tags jsonb,
    ups bigint,
    upvote_ratio double precision,
    url character varying,
    url_overridden_by_dest character varying,
    user_reports jsonb,
    user_reports_dismissed jsonb,
    view_count bigint,
    visited boolean,
    whitelist_status character varying,
    wls bigint,
    _dlt_load_id character varying,
    _dlt_id character varying
);


--
-- Name: cutover_events event_id; Type: DEFAULT; Schema: reddit_harbor; Owner: -
--

ALTER TABLE ONLY reddit_harbor.cutover_events ALTER COLUMN event_id SET DEFAULT nextval('reddit_harbor.cutover_events_event_id_seq'::regclass);


--
-- Data for Name: _dlt_loads; Type: TABLE DATA; Schema: reddit_harbor; Owner: -
--

COPY reddit_harbor._dlt_loads (load_id, schema_name, status, inserted_at, schema_version_hash) FROM stdin;
1796153523.0706577	reddit	0	2026-12-01 19:32:03.708201+00	khwt7ymbzrFTpdjXQDsoAxwlAldlcVI2UpWdj7Y2UTk=
\.


--
-- Data for Name: _dlt_pipeline_state; Type: TABLE DATA; Schema: reddit_harbor; Owner: -
--

COPY reddit_harbor._dlt_pipeline_state (version, engine_version, pipeline_name, state, created_at, version_hash, _dlt_load_id, _dlt_id) FROM stdin;
1	4	harbor_saas	eNpVkd1OwzAMhd8lt/tR2rGhVeIOaQIJ0ATaBQhFXuO1mdK0JM6kMSHxNjwer0DSrlByFZ8vto+dExOOgFAc0DpVG5Yl415CUygzIBdjJoHAIQkDFbKMWZRSkSjBbmvLxqxRDeqYc+YdEA7ABSpxB16TcHmJFfyvEfBAdix76cFrTHSkDFBwIejYxCypaTqQ3bSpHRUWuz5/z7smxmsdxjpPEvy6MtRIuKpW+8tS7jfr9QbXs+JWq/nj/HDdPNyjHD2vqvddao+zu5ur6K/2No/WTr219jaQnd9WysUWbahMbrFCQ6BjGIKwVSk85R1VpECLA2j/a1GDo15h359fKU8XkySd8OQpWWbpIkuWI84zzoMfb9Sbx3aYdmFhUeHfLA0rfnTnB11PrPs=	2026-12-01 19:32:03.49239+00	10imGj7hdjVQQVeQ3gJli5S5vDpONed+ZGmzf2ry3MI=	1796153523.0706577	4OZNZWFYjFKGcQ
\.


--
-- Data for Name: _dlt_version; Type: TABLE DATA; Schema: reddit_harbor; Owner: -
--

COPY reddit_harbor._dlt_version (version, engine_version, inserted_at, schema_name, version_hash, schema) FROM stdin;
2	11	2026-12-01 19:32:03.633472+00	reddit	khwt7ymbzrFTpdjXQDsoAxwlAldlcVI2UpWdj7Y2UTk=	{"version":2,"version_hash":"khwt7ymbzrFTpdjXQDsoAxwlAldlcVI2UpWdj7Y2UTk=","engine_version":11,"name":"reddit","tables":{"_dlt_version":{"name":"_dlt_version","columns":{"version":{"name":"version","data_type":"bigint","nullable":false,"description":"Numeric version of the schema, incremented on each schema change"},"engine_version":{"name":"engine_version","data_type":"bigint","nullable":false,"description":"Version of the dlt schema engine that created this schema"},"inserted_at":{"name":"inserted_at","data_type":"timestamp","nullable":false,"description":"Timestamp when this schema version was stored"},"schema_name":{"name":"schema_name","data_type":"text","nullable":false,"description":"Name of the schema"},"version_hash":{"name":"version_hash","data_type":"text","nullable":false,"description":"Unique hash of the schema content, used to detect changes"},"schema":{"name":"schema","data_type":"text","nullable":false,"description":"JSON representation of the complete schema definition"}},"write_disposition":"skip","resource":"_dlt_version","description":"Created by DLT. Tracks schema updates"},"_dlt_loads":{"name":"_dlt_loads","columns":{"load_id":{"name":"load_id","data_type":"text","nullable":false,"precision":64,"description":"Unique identifier of the load operation"},"schema_name":{"name":"schema_name","data_type":"text","nullable":true,"description":"Name of the schema associated with this load"},"status":{"name":"status","data_type":"bigint","nullable":false,"description":"Status of the load operation (0 = success)"},"inserted_at":{"name":"inserted_at","data_type":"timestamp","nullable":false,"description":"Timestamp when the load was completed"},"schema_version_hash":{"name":"schema_version_hash","data_type":"text","nullable":true,"description":"Hash of the schema version used during this load"}},"write_disposition":"skip","resource":"_dlt_loads","description":"Created by DLT. Tracks completed loads"},"submissions":{"name":"submissions","columns":{"approved_by":{"name":"approved_by","data_type":"text","nullable":true},"author":{"name":"author","data_type":"text","nullable":true},"author_flair_background_color":{"name":"author_flair_background_color","data_type":"text","nullable":true},"author_flair_css_class":{"name":"author_flair_css_class","data_type":"text","nullable":true},"author_flair_template_id":{"name":"author_flair_template_id","data_type":"text","nullable":true},"author_flair_text":{"name":"author_flair_text","data_type":"text","nullable":true},"author_flair_text_color":{"name":"author_flair_text_color","data_type":"text","nullable":true},"author_flair_type":{"name":"author_flair_type","data_type":"text","nullable":true},"author_fullname":{"name":"author_fullname","data_type":"text","nullable":true},"banned_by":{"name":"banned_by","data_type":"text","nullable":true},"category":{"name":"category","data_type":"text","nullable":true},"crosspost_parent":{"name":"crosspost_parent","data_type":"text","nullable":true},"discussion_type":{"name":"discussion_type","data_type":"text","nullable":true},"distinguished":{"name":"distinguished","data_type":"text","nullable":true},"domain":{"name":"domain","data_type":"text","nullable":true},"from":{"name":"from","data_type":"text","nullable":true},"from_id":{"name":"from_id","data_type":"text","nullable":true},"from_kind":{"name":"from_kind","data_type":"text","nullable":true},"id":{"name":"id","data_type":"text","nullable":false,"primary_key":true},"link_flair_background_color":{"name":"link_flair_background_color","data_type":"text","nullable":true},"link_flair_css_class":{"name":"link_flair_css_class","data_type":"text","nullable":true},"link_flair_template_id":{"name":"link_flair_template_id","data_type":"text","nullable":true},"link_flair_text":{"name":"link_flair_text","data_type":"text","nullable":true},"link_flair_text_color":{"name":"link_flair_text_color","data_type":"text","nullable":true},"link_flair_type":{"name":"link_flair_type","data_type":"text","nullable":true},"mod_note":{"name":"mod_note","data_type":"text","nullable":true},"mod_reason_by":{"name":"mod_reason_by","data_type":"text","nullable":true},"mod_reason_title":{"name":"mod_reason_title","data_type":"text","nullable":true},"name":{"name":"name","data_type":"text","nullable":true},"parent_whitelist_status":{"name":"parent_whitelist_status","data_type":"text","nullable":true},"permalink":{"name":"permalink","data_type":"text","nullable":true},"post_hint":{"name":"post_hint","data_type":"text","nullable":true},"removal_reason":{"name":"removal_reason","data_type":"text","nullable":true},"removed_by":{"name":"removed_by","data_type":"text","nullable":true},"removed_by_category":{"name":"removed_by_category","data_type":"text","nullable":true},"rte_mode":{"name":"rte_mode","data_type":"text","nullable":true},"selftext":{"name":"selftext","data_type":"text","nullable":true},"selftext_html":{"name":"selftext_html","data_type":"text","nullable":true},"subreddit":{"name":"subreddit","data_type":"text","nullable":true},"subreddit_id":{"name":"subreddit_id","data_type":"text","nullable":true},"subreddit_name_prefixed":{"name":"subreddit_name_prefixed","data_type":"text","nullable":true},"subreddit_type":{"name":"subreddit_type","data_type":"text","nullable":true},"suggested_sort":{"name":"suggested_sort","data_type":"text","nullable":true},"thumbnail":{"name":"thumbnail","data_type":"text","nullable":true},"title":{"name":"title","data_type":"text","nullable":true},"top_awarded_type":{"name":"top_awarded_type","data_type":"text","nullable":true},"url":{"name":"url","data_type":"text","nullable":true},"url_overridden_by_dest":{"name":"url_overridden_by_dest","data_type":"text","nullable":true},"whitelist_status":{"name":"whitelist_status","data_type":"text","nullable":true},"allow_live_comments":{"name":"allow_live_comments","data_type":"bool","nullable":true},"approved":{"name":"approved","data_type":"bool","nullable":true},"archived":{"name":"archived","data_type":"bool","nullable":true},"author_cakeday":{"name":"author_cakeday","data_type":"bool","nullable":true},"author_is_blocked":{"name":"author_is_blocked","data_type":"bool","nullable":true},"author_patreon_flair":{"name":"author_patreon_flair","data_type":"bool","nullable":true},"author_premium":{"name":"author_premium","data_type":"bool","nullable":true},"brand_safe":{"name":"brand_safe","data_type":"bool","nullable":true},"can_gild":{"name":"can_gild","data_type":"bool","nullable":true},"can_mod_post":{"name":"can_mod_post","data_type":"bool","nullable":true},"clicked":{"name":"clicked","data_type":"bool","nullable":true},"contest_mode":{"name":"contest_mode","data_type":"bool","nullable":true},"hidden":{"name":"hidden","data_type":"bool","nullable":true},"hide_score":{"name":"hide_score","data_type":"bool","nullable":true},"ignore_reports":{"name":"ignore_reports","data_type":"bool","nullable":true},"is_created_from_ads_ui":{"name":"is_created_from_ads_ui","data_type":"bool","nullable":true},"is_crosspostable":{"name":"is_crosspostable","data_type":"bool","nullable":true},"is_gallery":{"name":"is_gallery","data_type":"bool","nullable":true},"is_meta":{"name":"is_meta","data_type":"bool","nullable":true},"is_original_content":{"name":"is_original_content","data_type":"bool","nullable":true},"is_reddit_media_domain":{"name":"is_reddit_media_domain","data_type":"bool","nullable":true},"is_robot_indexable":{"name":"is_robot_indexable","data_type":"bool","nullable":true},"is_self":{"name":"is_self","data_type":"bool","nullable":true},"is_video":{"name":"is_video","data_type":"bool","nullable":true},"likes":{"name":"likes","data_type":"bool","nullable":true},"locked":{"name":"locked","data_type":"bool","nullable":true},"media_only":{"name":"media_only","data_type":"bool","nullable":true},"no_follow":{"name":"no_follow","data_type":"bool","nullable":true},"over_18":{"name":"over_18","data_type":"bool","nullable":true},"pinned":{"name":"pinned","data_type":"bool","nullable":true},"quarantine":{"name":"quarantine","data_type":"bool","nullable":true},"removed":{"name":"removed","data_type":"bool","nullable":true},"saved":{"name":"saved","data_type":"bool","nullable":true},"send_replies":{"name":"send_replies","data_type":"bool","nullable":true},"spam":{"name":"spam","data_type":"bool","nullable":true},"spoiler":{"name":"spoiler","data_type":"bool","nullable":true},"stickied":{"name":"stickied","data_type":"bool","nullable":true},"visited":{"name":"visited","data_type":"bool","nullable":true},"downs":{"name":"downs","data_type":"bigint","nullable":true},"gilded":{"name":"gilded","data_type":"bigint","nullable":true},"num_comments":{"name":"num_comments","data_type":"bigint","nullable":true},"num_crossposts":{"name":"num_crossposts","data_type":"bigint","nullable":true},"num_duplicates":{"name":"num_duplicates","data_type":"bigint","nullable":true},"num_reports":{"name":"num_reports","data_type":"bigint","nullable":true},"pwls":{"name":"pwls","data_type":"bigint","nullable":true},"score":{"name":"score","data_type":"bigint","nullable":true},"subreddit_subscribers":{"name":"subreddit_subscribers","data_type":"bigint","nullable":true},"thumbnail_height":{"name":"thumbnail_height","data_type":"bigint","nullable":true},"thumbnail_width":{"name":"thumbnail_width","data_type":"bigint","nullable":true},"total_awards_received":{"name":"total_awards_received","data_type":"bigint","nullable":true},"ups":{"name":"ups","data_type":"bigint","nullable":true},"view_count":{"name":"view_count","data_type":"bigint","nullable":true},"wls":{"name":"wls","data_type":"bigint","nullable":true},"approved_at_utc":{"name":"approved_at_utc","data_type":"double","nullable":true},"banned_at_utc":{"name":"banned_at_utc","data_type":"double","nullable":true},"created":{"name":"created","data_type":"double","nullable":true},"edited":{"name":"edited","data_type":"double","nullable":true},"upvote_ratio":{"name":"upvote_ratio","data_type":"double","nullable":true},"all_awardings":{"name":"all_awardings","data_type":"json","nullable":true},"author_flair_richtext":{"name":"author_flair_richtext","data_type":"json","nullable":true},"awarders":{"name":"awarders","data_type":"json","nullable":true},"content_categories":{"name":"content_categories","data_type":"json","nullable":true},"crosspost_parent_list":{"name":"crosspost_parent_list","data_type":"json","nullable":true},"gallery_data":{"name":"gallery_data","data_type":"json","nullable":true},"gildings":{"name":"gildings","data_type":"json","nullable":true},"link_flair_richtext":{"name":"link_flair_richtext","data_type":"json","nullable":true},"media":{"name":"media","data_type":"json","nullable":true},"media_embed":{"name":"media_embed","data_type":"json","nullable":true},"media_metadata":{"name":"media_metadata","data_type":"json","nullable":true},"mod_reports":{"name":"mod_reports","data_type":"json","nullable":true},"poll_data":{"name":"poll_data","data_type":"json","nullable":true},"preview":{"name":"preview","data_type":"json","nullable":true},"previous_visits":{"name":"previous_visits","data_type":"json","nullable":true},"report_reasons":{"name":"report_reasons","data_type":"json","nullable":true},"secure_media":{"name":"secure_media","data_type":"json","nullable":true},"secure_media_embed":{"name":"secure_media_embed","data_type":"json","nullable":true},"steward_reports":{"name":"steward_reports","data_type":"json","nullable":true},"treatment_tags":{"name":"treatment_tags","data_type":"json","nullable":true},"user_reports":{"name":"user_reports","data_type":"json","nullable":true},"user_reports_dismissed":{"name":"user_reports_dismissed","data_type":"json","nullable":true},"created_utc":{"name":"created_utc","data_type":"timestamp","nullable":true,"incremental":true},"matched_keywords":{"name":"matched_keywords","data_type":"json","nullable":true},"collected_via":{"name":"collected_via","data_type":"text","nullable":true},"first_seen_at":{"name":"first_seen_at","data_type":"timestamp","nullable":true},"last_seen_at":{"name":"last_seen_at","data_type":"timestamp","nullable":true},"_dlt_load_id":{"name":"_dlt_load_id","data_type":"text","nullable":false},"_dlt_id":{"name":"_dlt_id","data_type":"text","nullable":false,"unique":true,"row_key":true}},"write_disposition":"merge","resource":"submissions","x-merge-strategy":"upsert","x-normalizer":{"seen-data":true}},"_dlt_pipeline_state":{"columns":{"version":{"name":"version","data_type":"bigint","nullable":false,"description":"Numeric version of the pipeline state"},"engine_version":{"name":"engine_version","data_type":"bigint","nullable":false,"description":"Version of the dlt state engine"},"pipeline_name":{"name":"pipeline_name","data_type":"text","nullable":false,"description":"Name of the pipeline this state belongs to"},"state":{"name":"state","data_type":"text","nullable":false,"description":"Compressed JSON representation of the pipeline state"},"created_at":{"name":"created_at","data_type":"timestamp","nullable":false,"description":"Timestamp when this state was created"},"version_hash":{"name":"version_hash","data_type":"text","nullable":true,"description":"Hash of the state content, used to detect changes"},"_dlt_load_id":{"name":"_dlt_load_id","data_type":"text","nullable":false,"precision":64,"description":"Load identifier linking this row to its load operation"},"_dlt_id":{"name":"_dlt_id","data_type":"text","nullable":false,"unique":true,"row_key":true}},"write_disposition":"append","file_format":"preferred","name":"_dlt_pipeline_state","resource":"_dlt_pipeline_state","x-normalizer":{"seen-data":true}}},"settings":{"detections":[],"default_hints":{"not_null":["_dlt_id","_dlt_root_id","_dlt_parent_id","_dlt_list_idx","_dlt_load_id"],"parent_key":["_dlt_parent_id"],"root_key":["_dlt_root_id"],"unique":["_dlt_id"],"row_key":["_dlt_id"]},"schema_contract":{"tables":"evolve","columns":"evolve","data_type":"discard_value"}},"normalizers":{"names":"snake_case","json":{"module":"dlt.common.normalizers.json.relational","config":{"max_nesting":0,"propagation":{"tables":{"submissions":{"_dlt_id":"_dlt_root_id"}}}}}},"previous_hashes":["ogs3Keh/rqFwSIE2LrmZuI/68poxclDpb33NzELZvxY=","UMl/KyhYct7v3QS/nwidH3vM708WtdvMOO/8J8/QCKM="]}
\.


--
-- Data for Name: collection_runs; Type: TABLE DATA; Schema: reddit_harbor; Owner: -
--

COPY reddit_harbor.collection_runs (run_id, subreddit, via, started_at, finished_at, status, api_calls, fetched, kept, new, changed, malformed, error, host) FROM stdin;
5b70b881-bad0-4ae6-9b01-ed2f44d995b3	SaaS	dlt	2026-12-01 19:32:02.89104+00	2026-12-01 19:32:03.722289+00	ok	10	1000	312	312	0	0	\N	vm
391dedcb-12c8-4f25-b5a8-17e6366da2fb	startups	legacy	2026-12-01 19:32:05.005449+00	2026-12-01 19:32:05.493958+00	ok	10	1000	335	335	0	0	\N	vm
\.


--
-- Data for Name: cutover_events; Type: TABLE DATA; Schema: reddit_harbor; Owner: -
--

COPY reddit_harbor.cutover_events (event_id, at, actor, action, subreddit, old_value, new_value, reason) FROM stdin;
1	2026-12-01 19:32:07.313602+00	root@vm	set	\N	\N	50	\N
\.


--
-- Data for Name: opportunity_scores; Type: TABLE DATA; Schema: reddit_harbor; Owner: -
--

COPY reddit_harbor.opportunity_scores (post_id, market_demand, pain_intensity, monetization_potential, market_gap, technical_feasibility, total, category, summary, rationale, scorer, model, prompt_version, content_hash, input_tokens, output_tokens, status, error, attempts, scored_at) FROM stdin;
1h056ct	4	1	2	4	6	31.5	other	Basecamp keeps letting me down for social posts - what else is out there?	Heuristic rules. frequency: 'every time'; tools named: 'basecamp', 'zapier'.	heuristic	heuristic-v1	rules-1	29365f5bec2a1445164fc1e0eeda625d2db42afaf95f5d777a81840f79017329	0	0	scored	\N	1	2026-12-01 19:32:06.436341+00
1h055hv	4	4	4	7	6	47.5	pain	Really struggling with processing returns and refunds as a product manager	Heuristic rules. mild pain: 'struggling', 'manual'; money: 'price'; engagement +2.2.	heuristic	heuristic-v1	rules-1	257b3b3e70746e88d02169d50f27720651695cc9912ba10866d9c2a01468004c	0	0	scored	\N	1	2026-12-01 19:32:06.440633+00
1h05657	2	2	2	7	6	33.5	pain	Why is keeping my inbox under control still this painful?	Heuristic rules. mild pain: 'painful'; engagement +0.3.	heuristic	heuristic-v1	rules-1	a6a01aacf3163c5cccbb8e208d250b366556c3123168c83513f2da1f2b8b74da	0	0	scored	\N	1	2026-12-01 19:32:06.440949+00
1h0558n	3	2	4	7	6	40	pain	I only find out a backup failed when I need it. Ideas?	Heuristic rules. mild pain: 'problem'; money: 'customers'; engagement +1.3.	heuristic	heuristic-v1	rules-1	9f4426339b02cac109be325ad90da035da3475b06b330533044a5eb303b01d6f	0	0	scored	\N	1	2026-12-01 19:32:06.443651+00
1h0558a	5	1	2	6	6	37	advice	What would you do: my list has 300 items and I ignore all of them	Heuristic rules. frequency: 'every month'; tools named: 'shopify'; engagement +1.6.	heuristic	heuristic-v1	rules-1	c06b34f8332adcb055e4badd071a68cccd44d6632120ae0c0bc2cc5d23391462	0	0	scored	\N	1	2026-12-01 19:32:06.447238+00
1h053x2	5	1	4	6	7	42.5	money_talk	What do you use for timesheets? My spreadsheet has given up	Heuristic rules. frequency: 'every single'; money: 'clients'; tools named: 'spreadsheet'; engagement +1.2.	heuristic	heuristic-v1	rules-1	451a13156e3b3f22a1c9ec3d7a4a7760c51dce1a7a674510fe9e192b728dbbbe	0	0	scored	\N	1	2026-12-01 19:32:06.452788+00
1h0544r	3	1	2	6	7	33.5	advice	What would you do: editing eats my whole weekend	Heuristic rules. tools named: 'spreadsheet'; engagement +0.6.	heuristic	heuristic-v1	rules-1	6a3133712fdfbd266f7d3397914642eb1888397a7fa363e158c3eb42f08bcdea	0	0	scored	\N	1	2026-12-01 19:32:06.45313+00
1h054xs	6	1	2	7	6	41	other	Looking for a cheap way to handle quotes	Heuristic rules. engagement +4.0.	heuristic	heuristic-v1	rules-1	a4089cb19964ed4dd6a19d7cfa09f326a73897c0182138078d76b3341009d084	0	0	scored	\N	1	2026-12-01 19:32:06.45343+00
1h053wr	2	4	4	7	6	42.5	pain	Solo founder here - tickets get lost somewhere between email and chat	Heuristic rules. pain: 'hate'; money: 'clients'.	heuristic	heuristic-v1	rules-1	6bded0aa5449d96c525399f92695d402f147853f128646989fad0c1f7ac70efc	0	0	scored	\N	1	2026-12-01 19:32:06.453781+00
1h053tk	5	1	2	7	6	38.5	other	Wasted 8 hours cutting long videos into short clips again	Heuristic rules. shared: 'everyone'; engagement +2.3.	heuristic	heuristic-v1	rules-1	066db324183f361f80dc2477eeca865861085541f4803c0d8777b94475b8d0fa	0	0	scored	\N	1	2026-12-01 19:32:06.454002+00
1h053zs	3	1	4	6	6	36	money_talk	Anyone found something that triages email so I only see what matters?	Heuristic rules. money: 'price'; tools named: 'todoist'; engagement +1.5.	heuristic	heuristic-v1	rules-1	5bfb8c2add81c2c49a98a917ed031a542a9c19276c927bacbde65e493d034d5e	0	0	scored	\N	1	2026-12-01 19:32:06.454753+00
1h053sd	4	2	4	7	6	42.5	pain	Why is getting customers to leave reviews still this painful?	Heuristic rules. mild pain: 'painful'; money: 'customers'; engagement +1.6.	heuristic	heuristic-v1	rules-1	4ea7df5341177137113c5906780f059c23a5ab1b99b37fb0f2322a61919c9e82	0	0	scored	\N	1	2026-12-01 19:32:06.455867+00
1h0539h	7	1	5	7	7	51	money_talk	Buried in blog posts	Heuristic rules. frequency: 'every week'; money: 'customers', '$'; engagement +3.2.	heuristic	heuristic-v1	rules-1	43e6fba1bfb9033ea7a701537954c3bc2a5538cea5c07536280f4af57eb31362	0	0	scored	\N	1	2026-12-01 19:32:06.458342+00
1h053kk	5	1	4	6	6	41	money_talk	Agency owner here - a third of bookings simply don't turn up	Heuristic rules. frequency: 'every month'; money: 'clients'; tools named: 'calendly'; engagement +1.8.	heuristic	heuristic-v1	rules-1	e71b3015c1d4786366770cad7ddb4bc743c94f55a334f76cbc026231e610eb03	0	0	scored	\N	1	2026-12-01 19:32:06.460214+00
1h053m0	6	2	2	6	7	43.5	pain	There has to be a better way to deal with feature requests	Heuristic rules. mild pain: 'fed up'; shared: 'everyone'; tools named: 'zapier'; engagement +3.3.	heuristic	heuristic-v1	rules-1	1a5ac119e1bb545c499e5e06e54d0fd06a487b295b86a4c6eb6f02852bf57836	0	0	scored	\N	1	2026-12-01 19:32:06.460951+00
1h0530h	3	4	5	6	6	45.5	pain	9 hours a week on to-dos. Is that normal?	Heuristic rules. pain: 'hate'; shared: 'everyone'; money: 'customers', 'money'; tools named: 'stripe'.	heuristic	heuristic-v1	rules-1	1f22edef9d4fd9917e1a2a466ac6c1d72119850914b1eed05d15e90b83a2da09	0	0	scored	\N	1	2026-12-01 19:32:06.461807+00
1h051jd	6	4	4	6	6	51	pain	Struggling with finding new clients as a social media manager	Heuristic rules. mild pain: 'struggling', 'annoying'; money: 'clients'; tools named: 'wave'; engagement +4.0.	heuristic	heuristic-v1	rules-1	47d724cb00eb5efb6afc5f8dbf44387a51e8e80639b3594cef5784e4e71c910a	0	0	scored	\N	1	2026-12-01 19:32:06.463083+00
1h052m7	3	1	2	7	6	33.5	other	Looking for a no-nonsense way to handle receipts	Heuristic rules. engagement +1.2.	heuristic	heuristic-v1	rules-1	60357a5e896c7f4c26294c1ad9c9aeef80ac18a88abe50ff8081f02fcc75819b	0	0	scored	\N	1	2026-12-01 19:32:06.463045+00
1h050kw	2	1	2	7	7	32.5	solution_request	Is there a tool that filters applicants before I spend an hour on each one?	Heuristic rules. engagement +0.3.	heuristic	heuristic-v1	rules-1	7c168820eec21864487f46fd05323dbe345b6a4a37cc4bd75bf462677b723742	0	0	scored	\N	1	2026-12-01 19:32:06.465125+00
1h0528f	3	2	2	7	6	36	advice	What would you do: my list has 300 items and I ignore all of them	Heuristic rules. mild pain: 'annoying'; engagement +1.2.	heuristic	heuristic-v1	rules-1	13213fee844e8013f3ee7d83294b878570a516c63292213486dc87d167c2fd53	0	0	scored	\N	1	2026-12-01 19:32:06.46534+00
\.


--
-- Data for Name: submissions; Type: TABLE DATA; Schema: reddit_harbor; Owner: -
--

COPY reddit_harbor.submissions (id, all_awardings, allow_live_comments, approved, approved_at_utc, approved_by, archived, author, author_cakeday, author_flair_background_color, author_flair_css_class, author_flair_richtext, author_flair_template_id, author_flair_text, author_flair_text_color, author_flair_type, author_fullname, author_is_blocked, author_patreon_flair, author_premium, awarders, banned_at_utc, banned_by, brand_safe, can_gild, can_mod_post, category, clicked, collected_via, content_categories, contest_mode, created, created_utc, crosspost_parent, crosspost_parent_list, discussion_type, distinguished, domain, downs, edited, first_seen_at, "from", from_id, from_kind, gallery_data, gilded, gildings, hidden, hide_score, ignore_reports, is_created_from_ads_ui, is_crosspostable, is_gallery, is_meta, is_original_content, is_reddit_media_domain, is_robot_indexable, is_self, is_video, last_seen_at, likes, link_flair_background_color, link_flair_css_class, link_flair_richtext, link_flair_template_id, link_flair_text, link_flair_text_color, link_flair_type, locked, matched_keywords, media, media_embed, media_metadata, media_only, mod_note, mod_reason_by, mod_reason_title, mod_reports, name, no_follow, num_comments, num_crossposts, num_duplicates, num_reports, over_18, parent_whitelist_status, permalink, pinned, poll_data, post_hint, preview, previous_visits, pwls, quarantine, removal_reason, removed, removed_by, removed_by_category, report_reasons, rte_mode, saved, score, secure_media, secure_media_embed, selftext, selftext_html, send_replies, spam, spoiler, steward_reports, stickied, subreddit, subreddit_id, subreddit_name_prefixed, subreddit_subscribers, subreddit_type, suggested_sort, thumbnail, thumbnail_height, thumbnail_width, title, top_awarded_type, total_awards_received, treatment_tags, ups, upvote_ratio, url, url_overridden_by_dest, user_reports, user_reports_dismissed, view_count, visited, whitelist_status, wls, _dlt_load_id, _dlt_id) FROM stdin;
1h054xs	[]	f	\N	\N	\N	f	tidy_turnip7	\N	\N	\N	[]	\N	\N	\N	text	t2_5b69f0cb	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1796145520	2026-12-01 17:18:40+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N	#ffd635	question	[{"e": "text", "t": "Question"}]	32cd335d-4313-dba9-a5c1-eb349d2c33ad	Question	dark	richtext	f	["how do you deal with", "what works for you", "would love"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h054xs	f	42	0	\N	\N	f	\N	/r/SaaS/comments/1h054xs/looking_for_a_cheap_way_to_handle_quotes/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	77	\N	{}	I run a ceramics studio with 88 employees.\n\nEvery Tuesday I lose most of the afternoon writing quotes and proposals.\n\nHow do bigger shops deal with this? Would love to hear what works for you.	<!-- SC_OFF --><div class="md"><p>I run a ceramics studio with 88 employees.</p>\n\n<p>Every Tuesday I lose most of the afternoon writing quotes and proposals.</p>\n\n<p>How do bigger shops deal with this? Would love to hear what works for you.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	Looking for a cheap way to handle quotes	\N	0	[]	77	0.89	https://www.reddit.com/r/SaaS/comments/1h054xs/looking_for_a_cheap_way_to_handle_quotes/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	G+8B0bJXsXg7Vg
1h053zs	[]	f	\N	\N	\N	f	OddLedger594	\N	\N	\N	[]	\N	\N	\N	text	t2_d6ff9b2	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1796142400	2026-12-01 16:26:40+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N	#edeff1	discussion	[{"e": "text", "t": "Discussion"}]	aaf8cdfb-2dbf-2d3b-6792-3bb59be02b42	Discussion	dark	richtext	f	["anyone know a", "thanks in advance", "what works for you", "would love", "hate", "prices went up"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h053zs	t	5	0	\N	\N	f	\N	/r/SaaS/comments/1h053zs/anyone_found_something_that_triages_email_so_i/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	5	\N	{}	Some context: we're a 28-person translation agency.\n\nWhat kills me is remembering who I already contacted. By the time I'm done keeping my inbox under control I have no energy left for the work that pays.\n\nI've tried Todoist and Hootsuite, but the price went up three times in a year.\n\nWould love to hear what works for you.\n\nThanks in advance.	<!-- SC_OFF --><div class="md"><p>Some context: we&#39;re a 28-person translation agency.</p>\n\n<p>What kills me is remembering who I already contacted. By the time I&#39;m done keeping my inbox under control I have no energy left for the work that pays.</p>\n\n<p>I&#39;ve tried Todoist and Hootsuite, but the price went up three times in a year.</p>\n\n<p>Would love to hear what works for you.</p>\n\n<p>Thanks in advance.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	Anyone found something that triages email so I only see what matters?	\N	0	[]	5	0.96	https://www.reddit.com/r/SaaS/comments/1h053zs/anyone_found_something_that_triages_email_so_i/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	CSPYpmoPv2Un0g
1h053x2	[]	f	\N	\N	\N	f	Gentle-Beacon-1208	\N	\N	\N	[]	\N	\N	\N	text	t2_16204f70	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1796142126	2026-12-01 16:22:06+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N		\N	[]	\N	\N	dark	text	f	["what do you use for", "how do you deal with", "every week", "the problem is"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h053x2	f	6	0	\N	\N	f	\N	/r/SaaS/comments/1h053x2/what_do_you_use_for_timesheets_my_spreadsheet_has/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	2	\N	{}	I'm a translator and most of my clients are indie developers.\n\nThe real issue is that I undercount my hours every single month.\n\nMy current 'system' is sticky notes on my monitor, which is exactly as bad as it sounds.\n\nHow do bigger companies deal with this?\n\nCheers.	<!-- SC_OFF --><div class="md"><p>I&#39;m a translator and most of my clients are indie developers.</p>\n\n<p>The real issue is that I undercount my hours every single month.</p>\n\n<p>My current &#39;system&#39; is sticky notes on my monitor, which is exactly as bad as it sounds.</p>\n\n<p>How do bigger companies deal with this?</p>\n\n<p>Cheers.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	What do you use for timesheets? My spreadsheet has given up	\N	0	[]	2	0.64	https://www.reddit.com/r/SaaS/comments/1h053x2/what_do_you_use_for_timesheets_my_spreadsheet_has/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	zFa60xopTFONJA
1h053tk	[]	f	\N	\N	\N	f	sharp_kettle3	\N	\N	\N	[]	\N	\N	\N	text	t2_5059c913	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1796141672	2026-12-01 16:14:32+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N	#7193ff	help	[{"e": "text", "t": "Help"}]	670451be-74c9-8e98-1fa2-2044e1ee3702	Help	dark	richtext	f	["what works for you", "would love", "waste hours", "again", "duct tape"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h053tk	t	12	0	\N	\N	f	\N	/r/SaaS/comments/1h053tk/wasted_8_hours_cutting_long_videos_into_short/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	7	\N	{}	It feels like I'm the bottleneck for everything.\n\nEveryone says to use Gusto. We did. It doesn't talk to anything else we use.\n\nWould love to hear what works for you. What does your setup look like?	<!-- SC_OFF --><div class="md"><p>It feels like I&#39;m the bottleneck for everything.</p>\n\n<p>Everyone says to use Gusto. We did. It doesn&#39;t talk to anything else we use.</p>\n\n<p>Would love to hear what works for you. What does your setup look like?</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	Wasted 8 hours cutting long videos into short clips again	\N	0	[]	7	0.93	https://www.reddit.com/r/SaaS/comments/1h053tk/wasted_8_hours_cutting_long_videos_into_short/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	EHbyhSURN1HtQQ
1h053m0	[]	f	\N	\N	\N	f	Silent-Comet-7588	\N		\N	[{"e": "text", "t": "Freelancer"}]	223a98d7-a987-cdb1-4d53-4517d8c0d0cd	Freelancer	dark	richtext	t2_6eae91b4	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1796140198	2026-12-01 15:49:58+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N		\N	[]	\N	\N	dark	text	f	["cheaper alternative", "there has to be a way", "a better way", "hasn't paid", "someone won't", "waste hours", "every week", "duct tape"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h053m0	t	22	0	\N	\N	f	\N	/r/SaaS/comments/1h053m0/there_has_to_be_a_better_way_to_deal_with_feature/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	16	\N	{}	It feels like I'm the bottleneck for everything. Every Sunday I lose half a day keeping track of feature requests. I'm fed up and it's only Tuesday.\n\nEveryone says to use Zapier. We did. Support never answered a single ticket.\n\nWhat does your setup look like? Open to anything at this point.\n\nCheers.	<!-- SC_OFF --><div class="md"><p>It feels like I&#39;m the bottleneck for everything. Every Sunday I lose half a day keeping track of feature requests. I&#39;m fed up and it&#39;s only Tuesday.</p>\n\n<p>Everyone says to use Zapier. We did. Support never answered a single ticket.</p>\n\n<p>What does your setup look like? Open to anything at this point.</p>\n\n<p>Cheers.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	There has to be a better way to deal with feature requests	\N	0	[]	16	0.76	https://www.reddit.com/r/SaaS/comments/1h053m0/there_has_to_be_a_better_way_to_deal_with_feature/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	Qs5KJ96FM0ILkQ
1h053kk	[]	f	\N	\N	\N	f	gentle_otter47	\N	\N	\N	[]	\N	\N	\N	text	t2_bc36803	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1796139527	2026-12-01 15:38:47+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N		\N	[]	\N	\N	dark	text	f	["how are you handling", "doesn't work", "every week", "manually", "trouble word", "hate"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h053kk	f	5	0	\N	\N	f	\N	/r/SaaS/comments/1h053kk/agency_owner_here_a_third_of_bookings_simply_don_t/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	8	\N	{}	I'm a agency owner and most of my clients are solo founders.\n\nWe went from 9 to 90 clients and the old way just doesn't scale. I know it sounds small, but it adds up to two days every month. What kills me is all the copy-pasting.\n\nI tested Calendly for a few months, but half the features are locked behind the enterprise tier.\n\nHow are others handling this?	<!-- SC_OFF --><div class="md"><p>I&#39;m a agency owner and most of my clients are solo founders.</p>\n\n<p>We went from 9 to 90 clients and the old way just doesn&#39;t scale. I know it sounds small, but it adds up to two days every month. What kills me is all the copy-pasting.</p>\n\n<p>I tested Calendly for a few months, but half the features are locked behind the enterprise tier.</p>\n\n<p>How are others handling this?</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	Agency owner here - a third of bookings simply don't turn up	\N	0	[]	8	0.94	https://www.reddit.com/r/SaaS/comments/1h053kk/agency_owner_here_a_third_of_bookings_simply_don_t/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	TavwJzNCUHZcLw
1h0530h	[]	f	\N	\N	\N	f	HonestKettle646	\N	\N	\N	[]	\N	\N	\N	text	t2_44f1a1c6	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1796137794	2026-12-01 15:09:54+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N		discussion	[{"e": "text", "t": "Discussion"}]	19b96597-cabb-7f67-2d84-cecee3fe4c5f	Discussion	dark	richtext	f	["is it just me", "doesn't work", "nightmare", "hate", "I hate"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h0530h	t	1	0	\N	\N	f	\N	/r/SaaS/comments/1h0530h/9_hours_a_week_on_to_dos_is_that_normal/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	2	\N	{}	We went from 5 to 60 customers and the old way just doesn't scale. Truthfully, keeping my to-do list under control is the part of the job I hate most.\n\nEveryone says to use Stripe. We did. The free plan is useless and the paid one is silly money.\n\nWhat am I missing?	<!-- SC_OFF --><div class="md"><p>We went from 5 to 60 customers and the old way just doesn&#39;t scale. Truthfully, keeping my to-do list under control is the part of the job I hate most.</p>\n\n<p>Everyone says to use Stripe. We did. The free plan is useless and the paid one is silly money.</p>\n\n<p>What am I missing?</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	9 hours a week on to-dos. Is that normal?	\N	0	[]	2	0.72	https://www.reddit.com/r/SaaS/comments/1h0530h/9_hours_a_week_on_to_dos_is_that_normal/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	LULkDEayNMOnGA
1h001o3	[]	f	\N	\N	\N	f	Salty-Turnip-8764	\N	\N	\N	[]	\N	\N	\N	text	t2_5cbb41c4	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1795560008	2026-11-24 22:40:08+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N		\N	[]	\N	\N	dark	text	f	["how are you handling", "would pay for"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h001o3	t	7	0	\N	\N	f	\N	/r/SaaS/comments/1h001o3/how_are_other_freelancers_keeping_on_top_of_weekly/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	3	\N	{}	I'd gladly pay real money for something that builds the weekly report without any copy-paste.	<!-- SC_OFF --><div class="md"><p>I&#39;d gladly pay real money for something that builds the weekly report without any copy-paste.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	How are other freelancers keeping on top of weekly reports?	\N	0	[]	3	0.88	https://www.reddit.com/r/SaaS/comments/1h001o3/how_are_other_freelancers_keeping_on_top_of_weekly/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	v3UQlgcoM4GP+g
1h003w8	[]	f	\N	\N	\N	f	Odd-Jury-4788	\N	\N	\N	[]	\N	\N	\N	text	t2_2b047d84	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1795566246	2026-11-25 00:24:06+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N		\N	[]	\N	\N	dark	text	f	["is there a tool", "what works for you", "would love", "hate"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h003w8	t	21	0	\N	\N	f	\N	/r/SaaS/comments/1h003w8/is_there_a_tool_that_brings_in_steady_work_without/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	11	\N	{}	We're a small plumbing company with four vans and I handle the admin side.\n\nWhat kills me is remembering who I already contacted.\n\nWould love to hear what works for you.	<!-- SC_OFF --><div class="md"><p>We&#39;re a small plumbing company with four vans and I handle the admin side.</p>\n\n<p>What kills me is remembering who I already contacted.</p>\n\n<p>Would love to hear what works for you.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	Is there a tool that brings in steady work without endless pitching?	\N	0	[]	11	0.65	https://www.reddit.com/r/SaaS/comments/1h003w8/is_there_a_tool_that_brings_in_steady_work_without/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	OTG/NBw2Wu2PTg
1h00615	[]	f	\N	\N	\N	f	ProudRocket434	\N	\N	\N	[]	\N	\N	\N	text	t2_c02f6da	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1795572096	2026-11-25 02:01:36+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N		\N	[]	\N	\N	dark	text	f	["thanks in advance", "how do you deal with", "I'm drowning", "waste hours", "stressed", "raised prices"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h00615	f	13	0	\N	\N	f	\N	/r/SaaS/comments/1h00615/genuinely_asking_how_do_you_stay_sane_getting/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	13	\N	{}	My sister and I started a dental practice last year.\n\nI'm exhausted and it's only Tuesday. Every Tuesday I lose half a day getting contracts signed.\n\nIf nothing exists I might give up and raise prices.\n\nThanks in advance.	<!-- SC_OFF --><div class="md"><p>My sister and I started a dental practice last year.</p>\n\n<p>I&#39;m exhausted and it&#39;s only Tuesday. Every Tuesday I lose half a day getting contracts signed.</p>\n\n<p>If nothing exists I might give up and raise prices.</p>\n\n<p>Thanks in advance.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	Genuinely asking: how do you stay sane getting contracts signed?	\N	0	[]	13	0.82	https://www.reddit.com/r/SaaS/comments/1h00615/genuinely_asking_how_do_you_stay_sane_getting/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	hdMXj30WCnao/A
1h00419	[]	f	\N	\N	\N	f	Fuzzy-Cactus-2264	\N	\N	\N	[]	\N	\N	\N	text	t2_20aad738	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1795566680	2026-11-25 00:31:20+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	f	\N	f	f	f	f	t	f	2026-12-01 19:32:02.89104+00	\N	#7193ff	discussion	[{"e": "text", "t": "Discussion"}]	6420f5b6-cd8f-d872-0ae2-f4ff9aa50274	Discussion	dark	richtext	t	["how do you deal with", "how do I stop", "waste hours"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h00419	f	4	0	\N	\N	f	\N	/r/SaaS/comments/1h00419/how_do_i_stop_turning_meetings_into_action_items/	f	\N	\N	\N	\N	6	f	\N	\N	\N	moderator	\N	\N	f	4	\N	{}	[removed]	<!-- SC_OFF --><div class="md"><p>[removed]</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	How do I stop turning meetings into action items from taking over my week?	\N	0	[]	4	0.71	https://www.reddit.com/r/SaaS/comments/1h00419/how_do_i_stop_turning_meetings_into_action_items/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	FjrM3NvRs48P7w
1h006zx	[]	f	\N	\N	\N	f	silent_otter87	\N	\N	\N	[]	\N	\N	\N	text	t2_5612be6b	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1795574970	2026-11-25 02:49:30+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N	#edeff1	discussion	[{"e": "text", "t": "Discussion"}]	a957a3f2-59b3-0907-79ee-fb4fc51c3acd	Discussion	dark	richtext	f	["can't keep doing this", "I'm drowning", "manually", "stressed"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h006zx	t	1	0	\N	\N	f	\N	/r/SaaS/comments/1h006zx/i_can_t_keep_doing_figuring_out_what_to_write_for/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	2	\N	{}	I run a bookkeeping practice with my partner.\n\nI'm exhausted and it's the third week in a row.\n\nI've tried Wave and Hootsuite, but it does eighty percent and the last twenty is the part I need.\n\nIf nothing exists I might just hire someone.\n\nSorry for the wall of text.	<!-- SC_OFF --><div class="md"><p>I run a bookkeeping practice with my partner.</p>\n\n<p>I&#39;m exhausted and it&#39;s the third week in a row.</p>\n\n<p>I&#39;ve tried Wave and Hootsuite, but it does eighty percent and the last twenty is the part I need.</p>\n\n<p>If nothing exists I might just hire someone.</p>\n\n<p>Sorry for the wall of text.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	I can't keep doing figuring out what to write for search by hand	\N	0	[]	2	0.84	https://www.reddit.com/r/SaaS/comments/1h006zx/i_can_t_keep_doing_figuring_out_what_to_write_for/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	Ne7rXo8wv02v7A
1h0067a	[]	f	\N	\N	\N	f	BraveCactus838	\N	\N	\N	[]	\N	\N	\N	text	t2_64d40916	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1795572439	2026-11-25 02:07:19+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N		discussion	[{"e": "text", "t": "Discussion"}]	42e1608d-3a9b-f16b-08c0-bc70f07c792d	Discussion	dark	richtext	f	["frustrated"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h0067a	t	54	0	\N	\N	f	\N	/r/SaaS/comments/1h0067a/do_you_work_weekends/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	50	\N	{}	I used to be so frustrated with bookings until I stopped doing it myself.	<!-- SC_OFF --><div class="md"><p>I used to be so frustrated with bookings until I stopped doing it myself.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	Do you work weekends?	\N	0	[]	50	0.93	https://www.reddit.com/r/SaaS/comments/1h0067a/do_you_work_weekends/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	moNRpBx8jE8iVw
1h0016o	[]	f	\N	\N	\N	f	the_pigeon_ample	\N	\N	\N	[]	\N	\N	\N	text	t2_3aaa0b1	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1795558653	2026-11-24 22:17:33+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N	#ff4500	question	[{"e": "text", "t": "Question"}]	750178fd-daa6-43cf-332b-9f72530c5fee	Question	dark	richtext	f	["how are you handling", "driving me crazy", "ghosting", "waste hours", "every week", "again", "trouble word", "annoying"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h0016o	f	2	0	\N	\N	f	\N	/r/SaaS/comments/1h0016o/freshbooks_is_driving_me_nuts_for_no_shows_what/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	1	\N	{}	We're a small accounting firm and I handle ops and finance.\n\nEvery Tuesday I lose half a day dealing with appointment no-shows. The annoying part is that a third of bookings simply don't turn up. Last month we paid a supplier twice without noticing.\n\nBuilt a Zapier thing but it breaks every time something changes.\n\nHow are you handling this?	<!-- SC_OFF --><div class="md"><p>We&#39;re a small accounting firm and I handle ops and finance.</p>\n\n<p>Every Tuesday I lose half a day dealing with appointment no-shows. The annoying part is that a third of bookings simply don&#39;t turn up. Last month we paid a supplier twice without noticing.</p>\n\n<p>Built a Zapier thing but it breaks every time something changes.</p>\n\n<p>How are you handling this?</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	FreshBooks is driving me nuts for no-shows - what else is out there?	\N	0	[]	1	0.84	https://www.reddit.com/r/SaaS/comments/1h0016o/freshbooks_is_driving_me_nuts_for_no_shows_what/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	GpjtqF1EQ2pVFg
1h0003j	[]	f	\N	\N	\N	f	lazy_kettle27	\N	\N	\N	[]	\N	\N	\N	text	t2_3a6a5b1f	f	f	f	[]	\N	\N	\N	f	f	\N	f	dlt	\N	f	1795553961	2026-11-24 20:59:21+00	\N	\N	\N	\N	self.SaaS	0	\N	2026-12-01 19:32:02.89104+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:02.89104+00	\N	#edeff1	question	[{"e": "text", "t": "Question"}]	30f8f102-45df-a37d-9c9f-375c32c08ae0	Question	dark	richtext	f	["every week", "again", "trouble word", "nightmare"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h0003j	t	97	0	\N	\N	f	\N	/r/SaaS/comments/1h0003j/every_month_the_same_mess_with_to_dos/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	89	\N	{}	A bit of background: I've been running a landscaping crew for 11 years.\n\nRight now it all lives in a spreadsheet with fourteen tabs.\n\nBuilt a Zapier thing but it silently fails every time something changes.\n\nOpen to anything at this point.	<!-- SC_OFF --><div class="md"><p>A bit of background: I&#39;ve been running a landscaping crew for 11 years.</p>\n\n<p>Right now it all lives in a spreadsheet with fourteen tabs.</p>\n\n<p>Built a Zapier thing but it silently fails every time something changes.</p>\n\n<p>Open to anything at this point.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	SaaS	t5_ju8yl	r/SaaS	734677	public	\N	self	\N	\N	Every month the same mess with to-dos	\N	0	[]	89	0.79	https://www.reddit.com/r/SaaS/comments/1h0003j/every_month_the_same_mess_with_to_dos/	\N	[]	\N	\N	f	\N	6	1796153523.0706577	jxoOIaEqwdBUhw
1h056ct	[]	f	\N	\N	\N	f	nimble_badger79	\N		\N	[{"e": "text", "t": "Freelancer"}]	9bb67692-5c62-612c-d3be-c71ee56bce10	Freelancer	dark	richtext	t2_43fb9183	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796151582	2026-12-01 18:59:42+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["any tips", "how are you handling", "every week", "again", "trouble word", "hate"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h056ct	f	1	0	\N	\N	f	\N	/r/startups/comments/1h056ct/basecamp_keeps_letting_me_down_for_social_posts/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	1	\N	{}	Some context: we're a 100-person tutoring business.\n\nWhat kills me is remembering who I already contacted.\n\nBuilt a Zapier thing but it breaks every time something changes.\n\nHow are other data analysts handling this? Open to any ideas.\n\nTIA!	<!-- SC_OFF --><div class="md"><p>Some context: we&#39;re a 100-person tutoring business.</p>\n\n<p>What kills me is remembering who I already contacted.</p>\n\n<p>Built a Zapier thing but it breaks every time something changes.</p>\n\n<p>How are other data analysts handling this? Open to any ideas.</p>\n\n<p>TIA!</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Basecamp keeps letting me down for social posts - what else is out there?	\N	0	[]	1	0.98	https://www.reddit.com/r/startups/comments/1h056ct/basecamp_keeps_letting_me_down_for_social_posts/	\N	[]	\N	\N	f	\N	6	\N	\N
1h05657	[]	f	\N	\N	\N	f	Bold-Badger-2024	\N	\N	\N	[]	\N	\N	\N	text	t2_14707ca0	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796150757	2026-12-01 18:45:57+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["how are you handling", "what works for you", "would love", "I'm drowning", "duct tape", "stressed", "nightmare"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h05657	f	4	0	\N	\N	f	\N	/r/startups/comments/1h05657/why_is_keeping_my_inbox_under_control_still_this/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	0	\N	{}	Not sure this is the right sub, but here goes.\n\nRight now it all is held together by a calendar full of reminders I snooze. It feels like I'm the bottleneck for everything. I'm exhausted and it's not even lunchtime.\n\nWould love to hear what works for you. How are you handling this?\n\nEdit: formatting.	<!-- SC_OFF --><div class="md"><p>Not sure this is the right sub, but here goes.</p>\n\n<p>Right now it all is held together by a calendar full of reminders I snooze. It feels like I&#39;m the bottleneck for everything. I&#39;m exhausted and it&#39;s not even lunchtime.</p>\n\n<p>Would love to hear what works for you. How are you handling this?</p>\n\n<p>Edit: formatting.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Why is keeping my inbox under control still this painful?	\N	0	[]	0	0.95	https://www.reddit.com/r/startups/comments/1h05657/why_is_keeping_my_inbox_under_control_still_this/	\N	[]	\N	\N	f	\N	6	\N	\N
1h055hv	[]	f	\N	\N	\N	f	bold_anchor19	\N		\N	[{"e": "text", "t": "Bootstrapper"}]	d5cf4586-9dd6-9842-5d5f-df698e801611	Bootstrapper	dark	richtext	t2_625f077f	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796147133	2026-12-01 17:45:33+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["how do you deal with", "would pay for", "struggling with", "doesn't work"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h055hv	f	10	0	\N	\N	f	\N	/r/startups/comments/1h055hv/really_struggling_with_processing_returns_and/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	8	\N	{}	We went from 10 to 30 orders a week and the old way just doesn't scale.\n\nI even tried hiring someone for it, but training them took longer than doing it myself.\n\nHow do bigger agencies deal with this? I'd happily pay a fair price for something that handles returns without ten manual steps.	<!-- SC_OFF --><div class="md"><p>We went from 10 to 30 orders a week and the old way just doesn&#39;t scale.</p>\n\n<p>I even tried hiring someone for it, but training them took longer than doing it myself.</p>\n\n<p>How do bigger agencies deal with this? I&#39;d happily pay a fair price for something that handles returns without ten manual steps.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Really struggling with processing returns and refunds as a product manager	\N	0	[]	8	0.91	https://www.reddit.com/r/startups/comments/1h055hv/really_struggling_with_processing_returns_and/	\N	[]	\N	\N	f	\N	6	\N	\N
1h0558n	[]	f	\N	\N	\N	f	golden_maple63	\N	\N	\N	[]	\N	\N	\N	text	t2_2ded308f	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796146619	2026-12-01 17:36:59+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N	#ff4500	help	[{"e": "text", "t": "Help"}]	ec642fa6-e28a-9b46-66e6-b7a21f82b6b8	Help	dark	richtext	f	["doesn't work", "manually", "trouble word", "hate"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h0558n	t	5	0	\N	\N	f	\N	/r/startups/comments/1h0558n/i_only_find_out_a_backup_failed_when_i_need_it/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	4	\N	{}	I run a tattoo studio on my own.\n\nWe went from 12 to 132 customers and the old way just doesn't scale. What kills me is all the copy-pasting.\n\nEvery blog post says to use Toggl. We did. Setting it up took longer than the problem itself.\n\nWhat does your setup look like?\n\nCheers.	<!-- SC_OFF --><div class="md"><p>I run a tattoo studio on my own.</p>\n\n<p>We went from 12 to 132 customers and the old way just doesn&#39;t scale. What kills me is all the copy-pasting.</p>\n\n<p>Every blog post says to use Toggl. We did. Setting it up took longer than the problem itself.</p>\n\n<p>What does your setup look like?</p>\n\n<p>Cheers.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	I only find out a backup failed when I need it. Ideas?	\N	0	[]	4	0.94	https://www.reddit.com/r/startups/comments/1h0558n/i_only_find_out_a_backup_failed_when_i_need_it/	\N	[]	\N	\N	f	\N	6	\N	\N
1h0558a	[]	f	\N	\N	\N	f	Fuzzy-Pigeon-1660	\N		\N	[{"e": "text", "t": "Verified"}]	5fee31df-06a7-5b5e-2515-e56c195a289b	Verified	dark	richtext	t2_6f77019c	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796146431	2026-12-01 17:33:51+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N	#46d160	help	[{"e": "text", "t": "Help"}]	235007aa-6299-cac7-c810-e105f6dcd64f	Help	dark	richtext	f	["what would you do", "every week", "duct tape"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h0558a	f	8	0	\N	\N	f	\N	/r/startups/comments/1h0558a/what_would_you_do_my_list_has_300_items_and_i/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	3	\N	{}	We're a small Shopify store that sells candles and I handle the admin side.\n\nIt feels like I'm the bottleneck for everything. I know it sounds small, but it adds up to a full day every month.\n\nWhat does your setup look like?\n\nEdit: formatting.	<!-- SC_OFF --><div class="md"><p>We&#39;re a small Shopify store that sells candles and I handle the admin side.</p>\n\n<p>It feels like I&#39;m the bottleneck for everything. I know it sounds small, but it adds up to a full day every month.</p>\n\n<p>What does your setup look like?</p>\n\n<p>Edit: formatting.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	What would you do: my list has 300 items and I ignore all of them	\N	0	[]	3	0.75	https://www.reddit.com/r/startups/comments/1h0558a/what_would_you_do_my_list_has_300_items_and_i/	\N	[]	\N	\N	f	\N	6	\N	\N
1h0544r	[]	f	\N	\N	\N	f	the_raven_grumpy	\N	\N	\N	[]	\N	\N	\N	text	t2_2c011009	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796142838	2026-12-01 16:33:58+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N	#7193ff	discussion	[{"e": "text", "t": "Discussion"}]	8f5a7183-4b16-02b7-bf92-fd559d7136e7	Discussion	dark	richtext	f	["is there anything", "what would you do", "eating", "waste hours", "every week"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h0544r	f	5	0	\N	\N	f	\N	/r/startups/comments/1h0544r/what_would_you_do_editing_eats_my_whole_weekend/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	0	\N	{}	Every Friday I lose half a day cutting long videos into short clips. Twice this quarter editing eats my whole weekend.\n\nMy current 'system' is a spreadsheet with fourteen tabs, which is exactly as bad as it sounds.\n\nIs there something that just turns long recordings into usable clips?	<!-- SC_OFF --><div class="md"><p>Every Friday I lose half a day cutting long videos into short clips. Twice this quarter editing eats my whole weekend.</p>\n\n<p>My current &#39;system&#39; is a spreadsheet with fourteen tabs, which is exactly as bad as it sounds.</p>\n\n<p>Is there something that just turns long recordings into usable clips?</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	What would you do: editing eats my whole weekend	\N	0	[]	0	0.91	https://www.reddit.com/r/startups/comments/1h0544r/what_would_you_do_editing_eats_my_whole_weekend/	\N	[]	\N	\N	f	\N	6	\N	\N
1h053wr	[]	f	\N	\N	\N	f	Lucky-Saddle-9300	\N	\N	\N	[]	\N	\N	\N	text	t2_2ff502f4	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796141835	2026-12-01 16:17:15+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		help	[{"e": "text", "t": "Help"}]	7828c825-3eff-14b5-5488-34aa30fb0d8e	Help	dark	richtext	f	["hate", "I hate"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h053wr	t	0	0	\N	\N	f	\N	/r/startups/comments/1h053wr/solo_founder_here_tickets_get_lost_somewhere/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	0	\N	{}	I'm a solo founder and most of my clients are coaches.\n\nTruthfully, answering the same support questions is the part of the job I hate most.\n\nDo I just accept this as part of running a business?\n\nSorry for the wall of text.	<!-- SC_OFF --><div class="md"><p>I&#39;m a solo founder and most of my clients are coaches.</p>\n\n<p>Truthfully, answering the same support questions is the part of the job I hate most.</p>\n\n<p>Do I just accept this as part of running a business?</p>\n\n<p>Sorry for the wall of text.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Solo founder here - tickets get lost somewhere between email and chat	\N	0	[]	0	0.9	https://www.reddit.com/r/startups/comments/1h053wr/solo_founder_here_tickets_get_lost_somewhere/	\N	[]	\N	\N	f	\N	6	\N	\N
1h053sd	[]	f	\N	\N	\N	f	the_saddle_jolly	\N	\N	\N	[]	\N	\N	\N	text	t2_80daee39	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796141405	2026-12-01 16:10:05+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["nightmare", "angry"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h053sd	t	6	0	\N	\N	f	\N	/r/startups/comments/1h053sd/why_is_getting_customers_to_leave_reviews_still/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	5	\N	{}	Three times this quarter only the angry customers ever bother writing reviews. By the time I'm done getting customers to leave reviews I have no energy left for the work that pays.\n\nMy current 'system' is a folder called 'TODO FINAL v3', which is exactly as bad as it sounds.\n\nOpen to anything at this point. What am I missing?\n\nTIA!	<!-- SC_OFF --><div class="md"><p>Three times this quarter only the angry customers ever bother writing reviews. By the time I&#39;m done getting customers to leave reviews I have no energy left for the work that pays.</p>\n\n<p>My current &#39;system&#39; is a folder called &#39;TODO FINAL v3&#39;, which is exactly as bad as it sounds.</p>\n\n<p>Open to anything at this point. What am I missing?</p>\n\n<p>TIA!</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Why is getting customers to leave reviews still this painful?	\N	0	[]	5	0.87	https://www.reddit.com/r/startups/comments/1h053sd/why_is_getting_customers_to_leave_reviews_still/	\N	[]	\N	\N	f	\N	6	\N	\N
1h0539h	[]	f	\N	\N	\N	f	BrightHarbor862	\N	\N	\N	[]	\N	\N	\N	text	t2_123b09e	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796139208	2026-12-01 15:33:28+00	\N	\N	\N	\N	self.startups	0	1796151089	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["any tips", "doesn't work", "every week", "expensive"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h0539h	f	14	0	\N	\N	f	\N	/r/startups/comments/1h0539h/buried_in_blog_posts/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	21	\N	{}	We went from 8 to 24 customers and the old way just doesn't scale. My accountant has started asking why we publish every week and nothing moves. Right now it all runs on my memory, which is not great.\n\nLooked at Buffer, but at $79/month it's overkill for a team our size.\n\nOpen to any ideas.\n\nCheers.\n\nEdit: trying the suggestions from the comments, will report back.	<!-- SC_OFF --><div class="md"><p>We went from 8 to 24 customers and the old way just doesn&#39;t scale. My accountant has started asking why we publish every week and nothing moves. Right now it all runs on my memory, which is not great.</p>\n\n<p>Looked at Buffer, but at $79/month it&#39;s overkill for a team our size.</p>\n\n<p>Open to any ideas.</p>\n\n<p>Cheers.</p>\n\n<p>Edit: trying the suggestions from the comments, will report back.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Buried in blog posts	\N	0	[]	21	0.8	https://www.reddit.com/r/startups/comments/1h0539h/buried_in_blog_posts/	\N	[]	\N	\N	f	\N	6	\N	\N
1h052m7	[]	f	\N	\N	\N	f	bold_quokka87	\N	\N	\N	[]	\N	\N	\N	text	t2_3846d6db	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796136715	2026-12-01 14:51:55+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["any tips", "help appreciated"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h052m7	f	7	0	\N	\N	f	\N	/r/startups/comments/1h052m7/looking_for_a_no_nonsense_way_to_handle_receipts/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	1	\N	{}	Open to anything at this point. Any recommendations appreciated.	<!-- SC_OFF --><div class="md"><p>Open to anything at this point. Any recommendations appreciated.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Looking for a no-nonsense way to handle receipts	\N	0	[]	1	0.98	https://www.reddit.com/r/startups/comments/1h052m7/looking_for_a_no_nonsense_way_to_handle_receipts/	\N	[]	\N	\N	f	\N	6	\N	\N
1h0528f	[]	f	\N	\N	\N	f	the_rocket_rapid	\N	\N	\N	[]	\N	\N	\N	text	t2_517d79b1	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796135710	2026-12-01 14:35:10+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["any tips", "how do you deal with", "what would you do", "annoying"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h0528f	t	8	0	\N	\N	f	\N	/r/startups/comments/1h0528f/what_would_you_do_my_list_has_300_items_and_i/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	0	\N	{}	Some context: we're a 27-person climbing gym.\n\nThe annoying part is that my list has 300 items and I ignore all of them. I've got about 27 to-dos waiting on me and no real system.\n\nHow do bigger companies deal with this? Open to any ideas.\n\nCheers.	<!-- SC_OFF --><div class="md"><p>Some context: we&#39;re a 27-person climbing gym.</p>\n\n<p>The annoying part is that my list has 300 items and I ignore all of them. I&#39;ve got about 27 to-dos waiting on me and no real system.</p>\n\n<p>How do bigger companies deal with this? Open to any ideas.</p>\n\n<p>Cheers.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	What would you do: my list has 300 items and I ignore all of them	\N	0	[]	0	0.93	https://www.reddit.com/r/startups/comments/1h0528f/what_would_you_do_my_list_has_300_items_and_i/	\N	[]	\N	\N	f	\N	6	\N	\N
1h051jd	[]	f	\N	\N	\N	f	salty_lantern3	\N	\N	\N	[]	\N	\N	\N	text	t2_6a1c8e1b	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796133582	2026-12-01 13:59:42+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N	#edeff1	help	[{"e": "text", "t": "Help"}]	ff3689b4-bdbf-1b51-3de3-bb560c67e604	Help	dark	richtext	f	["struggling with", "every week", "duct tape", "annoying"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h051jd	t	43	0	\N	\N	f	\N	/r/startups/comments/1h051jd/struggling_with_finding_new_clients_as_a_social/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	31	\N	{}	My sister and I started a physio clinic last year.\n\nHonestly, finding new clients takes longer than the actual work. The annoying part is that it's feast or famine every quarter. It feels like I'm the bottleneck for everything.\n\nI've tried Wave and Obsidian, but I spent more time maintaining it than using it.\n\nIf nothing exists I might just hire someone. What does your setup look like?\n\nTIA!	<!-- SC_OFF --><div class="md"><p>My sister and I started a physio clinic last year.</p>\n\n<p>Honestly, finding new clients takes longer than the actual work. The annoying part is that it&#39;s feast or famine every quarter. It feels like I&#39;m the bottleneck for everything.</p>\n\n<p>I&#39;ve tried Wave and Obsidian, but I spent more time maintaining it than using it.</p>\n\n<p>If nothing exists I might just hire someone. What does your setup look like?</p>\n\n<p>TIA!</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Struggling with finding new clients as a social media manager	\N	0	[]	31	0.93	https://www.reddit.com/r/startups/comments/1h051jd/struggling_with_finding_new_clients_as_a_social/	\N	[]	\N	\N	f	\N	6	\N	\N
1h050kw	[]	f	\N	\N	\N	f	the_lantern_brave	\N	\N	\N	[]	\N	\N	\N	text	t2_7190c27d	f	f	t	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1796131315	2026-12-01 13:21:55+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N	#46d160	discussion	[{"e": "text", "t": "Discussion"}]	fc92b3f0-4af3-f4ef-17ea-8a5fe027334f	Discussion	dark	richtext	f	["is there a tool", "what works for you", "would love", "nothing works", "waste hours"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h050kw	f	4	1	\N	\N	f	\N	/r/startups/comments/1h050kw/is_there_a_tool_that_filters_applicants_before_i/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	0	\N	{}	Twice this quarter good candidates go cold while I'm busy with everything else.\n\nMy current 'system' is a shared Google Doc nobody updates, which is exactly as bad as it sounds.\n\nWould love to hear what works for you.\n\nTIA!	<!-- SC_OFF --><div class="md"><p>Twice this quarter good candidates go cold while I&#39;m busy with everything else.</p>\n\n<p>My current &#39;system&#39; is a shared Google Doc nobody updates, which is exactly as bad as it sounds.</p>\n\n<p>Would love to hear what works for you.</p>\n\n<p>TIA!</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Is there a tool that filters applicants before I spend an hour on each one?	\N	0	[]	0	0.94	https://www.reddit.com/r/startups/comments/1h050kw/is_there_a_tool_that_filters_applicants_before_i/	\N	[]	\N	\N	f	\N	6	\N	\N
1h006ub	[]	f	\N	\N	\N	f	the_otter_bright	\N	\N	\N	[]	\N	\N	\N	text	t2_245577e9	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795574445	2026-11-25 02:40:45+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["what works for you", "would love", "struggling with", "doesn't work", "keeps", "too much"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h006ub	f	7	0	\N	\N	f	\N	/r/startups/comments/1h006ub/really_struggling_with_tracking_billable_hours_as/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	0	\N	{}	I've got way too many timesheets to sort out and no real system. I keep telling myself I'll fix it next month. We went from 5 to 20 customers and the old way just doesn't scale.\n\nI even tried hiring someone for it, but training them took longer than doing it myself.\n\nWhat does your setup look like? Would love to hear what works for you.	<!-- SC_OFF --><div class="md"><p>I&#39;ve got way too many timesheets to sort out and no real system. I keep telling myself I&#39;ll fix it next month. We went from 5 to 20 customers and the old way just doesn&#39;t scale.</p>\n\n<p>I even tried hiring someone for it, but training them took longer than doing it myself.</p>\n\n<p>What does your setup look like? Would love to hear what works for you.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Really struggling with tracking billable hours as a translator	\N	0	[]	0	0.94	https://www.reddit.com/r/startups/comments/1h006ub/really_struggling_with_tracking_billable_hours_as/	\N	[]	\N	\N	f	\N	6	\N	\N
1h006sz	[]	f	\N	\N	\N	f	the_walrus_fuzzy	\N	\N	\N	[]	\N	\N	\N	text	t2_593b004d	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795574176	2026-11-25 02:36:16+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		help	[{"e": "text", "t": "Help"}]	add56bb7-6b0e-9edd-f7ec-1dbd3fa9e8c2	Help	dark	richtext	f	["how do you deal with", "the problem is", "duct tape"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h006sz	t	8	0	\N	\N	f	\N	/r/startups/comments/1h006sz/our_shared_logins_process_is_held_together_with/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	3	\N	{}	I'm a product manager and most of my clients are remote teams.\n\nRight now it all is held together by an intern who is leaving next month. By the time I'm done managing logins for the team I have no energy left for the work that pays. The problem is that ex-contractors still have access to half our accounts.\n\nWhat am I missing? How do bigger companies deal with this?	<!-- SC_OFF --><div class="md"><p>I&#39;m a product manager and most of my clients are remote teams.</p>\n\n<p>Right now it all is held together by an intern who is leaving next month. By the time I&#39;m done managing logins for the team I have no energy left for the work that pays. The problem is that ex-contractors still have access to half our accounts.</p>\n\n<p>What am I missing? How do bigger companies deal with this?</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Our shared logins process is held together with duct tape	\N	0	[]	3	0.88	https://www.reddit.com/r/startups/comments/1h006sz/our_shared_logins_process_is_held_together_with/	\N	[]	\N	\N	f	\N	6	\N	\N
1h006lg	[]	f	\N	\N	\N	f	the_raven_calm	\N	\N	\N	[]	\N	\N	\N	text	t2_79603795	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795573498	2026-11-25 02:24:58+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["is there a tool", "cheaper alternative", "what works for you", "would love"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h006lg	t	1	0	\N	\N	f	\N	/r/startups/comments/1h006lg/paying_a_va_just_for_handling_scope_creep_is_there/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	0	\N	{}	Full-time translator here, about 4 years in.\n\nLast month we lost a client over it. It isn't hard, it's just endless.\n\nI've tried Canva and Wave, but it kept creating duplicates.\n\nWould love to hear what works for you. Open to apps, processes, hiring someone.	<!-- SC_OFF --><div class="md"><p>Full-time translator here, about 4 years in.</p>\n\n<p>Last month we lost a client over it. It isn&#39;t hard, it&#39;s just endless.</p>\n\n<p>I&#39;ve tried Canva and Wave, but it kept creating duplicates.</p>\n\n<p>Would love to hear what works for you. Open to apps, processes, hiring someone.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Paying a VA just for handling scope creep. Is there a better option?	\N	0	[]	0	0.82	https://www.reddit.com/r/startups/comments/1h006lg/paying_a_va_just_for_handling_scope_creep_is_there/	\N	[]	\N	\N	f	\N	6	\N	\N
1h005b0	[]	f	\N	\N	\N	f	the_maple_late	\N	\N	\N	[]	\N	\N	\N	text	t2_186af1cd	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795570543	2026-11-25 01:35:43+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	f	\N	f	f	f	f	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	t	["does any of them work", "help"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h005b0	t	23	0	\N	\N	f	\N	/r/startups/comments/1h005b0/help_the_calendar_fills_up_before_i_do_any_real/	f	\N	\N	\N	\N	6	f	\N	\N	\N	moderator	\N	\N	f	45	\N	{}	[removed]	<!-- SC_OFF --><div class="md"><p>[removed]</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Help: the calendar fills up before I do any real work	\N	0	[]	45	0.94	https://www.reddit.com/r/startups/comments/1h005b0/help_the_calendar_fills_up_before_i_do_any_real/	\N	[]	\N	\N	f	\N	6	\N	\N
1h004x5	[]	f	\N	\N	\N	f	late_saddle7	\N	\N	\N	[]	\N	\N	\N	text	t2_77314717	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795569955	2026-11-25 01:25:55+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		question	[{"e": "text", "t": "Question"}]	97aa0b8e-a5ef-ffda-0e83-7d47bc19add3	Question	dark	richtext	f	["how do you deal with", "what works for you", "would love", "the problem is", "hate", "prices went up"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h004x5	t	8	0	\N	\N	f	\N	/r/startups/comments/1h004x5/genuinely_asking_how_do_you_stay_sane_answering/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	4	\N	{}	Three times this quarter tickets get lost somewhere between email and chat. What kills me is remembering who I already contacted. The real issue is that tickets get lost somewhere between email and chat.\n\nI tested Hootsuite for about six weeks, but the price went up three times in a year.\n\nWould love to hear what works for you.	<!-- SC_OFF --><div class="md"><p>Three times this quarter tickets get lost somewhere between email and chat. What kills me is remembering who I already contacted. The real issue is that tickets get lost somewhere between email and chat.</p>\n\n<p>I tested Hootsuite for about six weeks, but the price went up three times in a year.</p>\n\n<p>Would love to hear what works for you.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Genuinely asking: how do you stay sane answering the same support questions?	\N	0	[]	4	0.84	https://www.reddit.com/r/startups/comments/1h004x5/genuinely_asking_how_do_you_stay_sane_answering/	\N	[]	\N	\N	f	\N	6	\N	\N
1h004mk	[]	f	\N	\N	\N	f	calm_tangerine79	\N	\N	\N	[]	\N	\N	\N	text	t2_3ff26efb	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795569352	2026-11-25 01:15:52+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["cheaper alternative", "what works for you", "there has to be a way", "a better way", "would love", "want to scream"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h004mk	t	19	0	\N	\N	f	\N	/r/startups/comments/1h004mk/there_has_to_be_a_better_way_to_deal_with/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	10	\N	{}	Honestly, tracking billable hours makes me want to quit some days. It isn't hard, it's just endless.\n\nEveryone says to use Hootsuite. We did. I spent more time maintaining it than using it.\n\nDo I just accept this as part of running a business? Would love to hear what works for you.	<!-- SC_OFF --><div class="md"><p>Honestly, tracking billable hours makes me want to quit some days. It isn&#39;t hard, it&#39;s just endless.</p>\n\n<p>Everyone says to use Hootsuite. We did. I spent more time maintaining it than using it.</p>\n\n<p>Do I just accept this as part of running a business? Would love to hear what works for you.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	There has to be a better way to deal with timesheets	\N	0	[]	10	0.97	https://www.reddit.com/r/startups/comments/1h004mk/there_has_to_be_a_better_way_to_deal_with/	\N	[]	\N	\N	f	\N	6	\N	\N
1h0038j	[]	f	\N	\N	\N	f	ProudKettle998	\N	\N	\N	[]	\N	\N	\N	text	t2_4875245e	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795564642	2026-11-24 23:57:22+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N	#7193ff	discussion	[{"e": "text", "t": "Discussion"}]	5da54a0a-e16b-0aa5-ca5e-4fe5a2c66b59	Discussion	dark	richtext	f	["what would you do", "would pay for", "duct tape"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h0038j	t	7	1	\N	\N	f	\N	/r/startups/comments/1h0038j/what_would_you_do_i_m_fairly_sure_i_m/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	0	\N	{}	It feels like I'm the bottleneck for everything.\n\nI even tried hiring someone for it, but training them took longer than doing it myself.\n\nI'd gladly pay a fair price for something that helps me set prices without guessing. What does your setup look like?\n\nEdit: formatting.	<!-- SC_OFF --><div class="md"><p>It feels like I&#39;m the bottleneck for everything.</p>\n\n<p>I even tried hiring someone for it, but training them took longer than doing it myself.</p>\n\n<p>I&#39;d gladly pay a fair price for something that helps me set prices without guessing. What does your setup look like?</p>\n\n<p>Edit: formatting.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	What would you do: I'm fairly sure I'm undercharging everyone	\N	0	[]	0	0.9	https://www.reddit.com/r/startups/comments/1h0038j/what_would_you_do_i_m_fairly_sure_i_m/	\N	[]	\N	\N	f	\N	6	\N	\N
1h002p2	[]	f	\N	\N	\N	f	Honest-Walrus-1968	\N	\N	\N	[]	\N	\N	\N	text	t2_59ab70a0	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795562829	2026-11-24 23:27:09+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N	#0079d3	discussion	[{"e": "text", "t": "Discussion"}]	46e6959b-7b1d-cd7a-5ee0-d51cf1e75b6f	Discussion	dark	richtext	f	["how are you handling", "what works for you", "would love", "losing money", "duct tape", "trouble word", "hate", "I hate"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h002p2	f	7	0	\N	\N	f	\N	/r/startups/comments/1h002p2/losing_clients_because_of_unpaid_invoices/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	0	\N	{}	I'm a tutor and most of my clients are nonprofits.\n\nNot gonna lie, chasing late invoices is the part of the job I hate most. It feels like I'm the bottleneck for everything.\n\nWould love to hear what works for you. How are others handling this?	<!-- SC_OFF --><div class="md"><p>I&#39;m a tutor and most of my clients are nonprofits.</p>\n\n<p>Not gonna lie, chasing late invoices is the part of the job I hate most. It feels like I&#39;m the bottleneck for everything.</p>\n\n<p>Would love to hear what works for you. How are others handling this?</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Losing clients because of unpaid invoices	\N	0	[]	0	0.97	https://www.reddit.com/r/startups/comments/1h002p2/losing_clients_because_of_unpaid_invoices/	\N	[]	\N	\N	f	\N	6	\N	\N
1h002c2	[]	f	\N	\N	\N	f	the_otter_grumpy	\N	\N	\N	[]	\N	\N	\N	text	t2_1027cb41	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795562052	2026-11-24 23:14:12+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		tools	[{"e": "text", "t": "Tools"}]	dc8acdde-9ac6-63e7-b0dd-638c0287b1b9	Tools	dark	richtext	f	["what would you do", "every week", "nightmare"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h002c2	f	6	0	\N	\N	f	\N	/r/startups/comments/1h002c2/what_would_you_do_i_undercount_my_hours_every/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	18	\N	{}	It's chaos. Three times this quarter I undercount my hours every single month.\n\nDo I just accept this as part of running a business? What am I missing?\n\nSorry for the wall of text.	<!-- SC_OFF --><div class="md"><p>It&#39;s chaos. Three times this quarter I undercount my hours every single month.</p>\n\n<p>Do I just accept this as part of running a business? What am I missing?</p>\n\n<p>Sorry for the wall of text.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	What would you do: I undercount my hours every single month	\N	0	[]	18	0.86	https://www.reddit.com/r/startups/comments/1h002c2/what_would_you_do_i_undercount_my_hours_every/	\N	[]	\N	\N	f	\N	6	\N	\N
1h001v3	[]	f	\N	\N	\N	f	the_badger_calm	\N	\N	\N	[]	\N	\N	\N	text	t2_ebac869	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795560947	2026-11-24 22:55:47+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["how do you deal with", "nothing works", "duct tape", "stressed", "hate", "I hate"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h001v3	t	19	0	\N	\N	f	\N	/r/startups/comments/1h001v3/how_do_you_all_handle_cutting_long_videos_into/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	49	\N	{}	I run a flower shop with 54 employees.\n\nIt's embarrassing, honestly. Right now it all is held together by a shared Google Doc nobody updates. Not gonna lie, cutting long videos into short clips is the part of the job I hate most.\n\nMy current 'system' is a shared Google Doc nobody updates, which is exactly as bad as it sounds.\n\nOpen to apps, processes, hiring someone.	<!-- SC_OFF --><div class="md"><p>I run a flower shop with 54 employees.</p>\n\n<p>It&#39;s embarrassing, honestly. Right now it all is held together by a shared Google Doc nobody updates. Not gonna lie, cutting long videos into short clips is the part of the job I hate most.</p>\n\n<p>My current &#39;system&#39; is a shared Google Doc nobody updates, which is exactly as bad as it sounds.</p>\n\n<p>Open to apps, processes, hiring someone.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	How do you all handle cutting long videos into short clips?	\N	0	[]	49	0.83	https://www.reddit.com/r/startups/comments/1h001v3/how_do_you_all_handle_cutting_long_videos_into/	\N	[]	\N	\N	f	\N	6	\N	\N
1h001m0	[]	f	\N	\N	\N	f	ample_cactus3	\N	\N	\N	[]	\N	\N	\N	text	t2_7e4a3ac3	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795559930	2026-11-24 22:38:50+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N	#edeff1	help	[{"e": "text", "t": "Help"}]	d3219873-6556-efb7-e776-dff72036d730	Help	dark	richtext	f	["is it just me", "would pay for", "want to scream", "hate"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h001m0	t	5	0	\N	\N	f	\N	/r/startups/comments/1h001m0/am_i_the_only_one_who_hates_copying_data_between/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	0	\N	{}	Full-time architect here.\n\nNot gonna lie, copying data between systems makes me want to quit some days.\n\nI'd happily pay real money for something that moves data between our tools without copy-paste.	<!-- SC_OFF --><div class="md"><p>Full-time architect here.</p>\n\n<p>Not gonna lie, copying data between systems makes me want to quit some days.</p>\n\n<p>I&#39;d happily pay real money for something that moves data between our tools without copy-paste.</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Am I the only one who hates copying data between systems?	\N	0	[]	0	0.86	https://www.reddit.com/r/startups/comments/1h001m0/am_i_the_only_one_who_hates_copying_data_between/	\N	[]	\N	\N	f	\N	6	\N	\N
1h000gy	[]	f	\N	\N	\N	f	witty_badger15	\N	\N	\N	[]	\N	\N	\N	text	t2_584d2bb	f	f	f	[]	\N	\N	\N	f	f	\N	f	legacy	\N	f	1795554895	2026-11-24 21:14:55+00	\N	\N	\N	\N	self.startups	0	\N	2026-12-01 19:32:05.005449+00	\N	\N	\N	\N	0	{}	f	f	\N	f	t	\N	f	f	f	t	t	f	2026-12-01 19:32:05.005449+00	\N		\N	[]	\N	\N	dark	text	f	["is there anything", "anyone know a", "doesn't work", "trouble word"]	\N	{}	\N	f	\N	\N	\N	[]	t3_1h000gy	f	10	0	\N	\N	f	\N	/r/startups/comments/1h000gy/anyone_found_something_that_backs_everything_up/	f	\N	\N	\N	\N	6	f	\N	\N	\N	\N	\N	\N	f	5	\N	{}	A bit of background: I've been running a daycare for 11 years.\n\nWe went from 8 to 96 clients and the old way just doesn't scale. Honestly, backing up client files takes longer than the actual work. Three times this quarter I only find out a backup failed when I need it.\n\nIf nothing exists I might just hire someone. Is there something that just backs everything up without me thinking about it?	<!-- SC_OFF --><div class="md"><p>A bit of background: I&#39;ve been running a daycare for 11 years.</p>\n\n<p>We went from 8 to 96 clients and the old way just doesn&#39;t scale. Honestly, backing up client files takes longer than the actual work. Three times this quarter I only find out a backup failed when I need it.</p>\n\n<p>If nothing exists I might just hire someone. Is there something that just backs everything up without me thinking about it?</p>\n</div><!-- SC_ON -->	t	\N	f	\N	f	startups	t5_9ziy7	r/startups	184743	public	\N	self	\N	\N	Anyone found something that backs everything up without me thinking about it?	\N	0	[]	5	0.92	https://www.reddit.com/r/startups/comments/1h000gy/anyone_found_something_that_backs_everything_up/	\N	[]	\N	\N	f	\N	6	\N	\N
\.


--
-- Name: cutover_events_event_id_seq; Type: SEQUENCE SET; Schema: reddit_harbor; Owner: -
--

SELECT pg_catalog.setval('reddit_harbor.cutover_events_event_id_seq', 1, true);


--
-- Name: _dlt_pipeline_state _dlt_pipeline_state__dlt_id_key; Type: CONSTRAINT; Schema: reddit_harbor; Owner: -
--

ALTER TABLE ONLY reddit_harbor._dlt_pipeline_state
    ADD CONSTRAINT _dlt_pipeline_state__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: collection_runs collection_runs_pkey; Type: CONSTRAINT; Schema: reddit_harbor; Owner: -
--

ALTER TABLE ONLY reddit_harbor.collection_runs
    ADD CONSTRAINT collection_runs_pkey PRIMARY KEY (run_id);


--
-- Name: cutover_events cutover_events_pkey; Type: CONSTRAINT; Schema: reddit_harbor; Owner: -
--

ALTER TABLE ONLY reddit_harbor.cutover_events
    ADD CONSTRAINT cutover_events_pkey PRIMARY KEY (event_id);


--
-- Name: opportunity_scores opportunity_scores_pkey; Type: CONSTRAINT; Schema: reddit_harbor; Owner: -
--

ALTER TABLE ONLY reddit_harbor.opportunity_scores
    ADD CONSTRAINT opportunity_scores_pkey PRIMARY KEY (post_id);


--
-- Name: submissions submissions_pkey; Type: CONSTRAINT; Schema: reddit_harbor; Owner: -
--

ALTER TABLE ONLY reddit_harbor.submissions
    ADD CONSTRAINT submissions_pkey PRIMARY KEY (id);


--
-- Name: collection_runs_sub_started; Type: INDEX; Schema: reddit_harbor; Owner: -
--

CREATE INDEX collection_runs_sub_started ON reddit_harbor.collection_runs USING btree (lower((subreddit)::text), started_at DESC);


--
-- Name: opportunity_scores_status; Type: INDEX; Schema: reddit_harbor; Owner: -
--

CREATE INDEX opportunity_scores_status ON reddit_harbor.opportunity_scores USING btree (status);


--
-- Name: opportunity_scores_total; Type: INDEX; Schema: reddit_harbor; Owner: -
--

CREATE INDEX opportunity_scores_total ON reddit_harbor.opportunity_scores USING btree (total DESC);


--
-- Name: submissions_sub_created; Type: INDEX; Schema: reddit_harbor; Owner: -
--

CREATE INDEX submissions_sub_created ON reddit_harbor.submissions USING btree (lower((subreddit)::text), created_utc DESC);


--
-- PostgreSQL database dump complete
--


